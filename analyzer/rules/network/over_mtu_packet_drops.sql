/*
title: Packets dropped for being larger than the port's MTU (Open vSwitch)
severity: medium
description: `tap0: dropped over-mtu packet: 8950 > 1450` means a guest, container or tunnel
  sends frames larger than the MTU of the switch port or tunnel they go out of. They are
  dropped silently: small requests work, large transfers hang (TCP stalls, NFS and
  database timeouts), the classic symptom of an MTU mismatch between a VM's interface and
  an overlay network (VXLAN and GRE need 50 bytes or more of headroom).
remediation: Give the guests and veths the overlay's MTU (the physical MTU minus the tunnel
  overhead), or raise the physical network's MTU (jumbo frames) so that the tunnel fits.
references: https://docs.openstack.org/neutron/latest/admin/config-mtu.html
tags: network, openvswitch
*/
SELECT bundle_id, count(*) AS drops,
       string_agg(DISTINCT device || ' (' || detail || ')', ', ' ORDER BY device || ' (' || detail || ')') AS ports,
       first_lines(raw, ts, line_no, 3) AS evidence
FROM events WHERE kind = 'over_mtu_drop' GROUP BY bundle_id
