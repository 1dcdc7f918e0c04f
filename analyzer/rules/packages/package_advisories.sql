/*
title: Installed packages that security advisories say are vulnerable
severity: high
description: An installed package's version is in the range a security advisory lists as
  affected on this distribution release (compared with rpm's or dpkg's own version
  ordering, so distribution backports count). sosql ships the advisories behind the
  container escapes and root exploits that matter on fleet nodes (runc, containerd,
  polkit, sudo); `sosql advisories` imports any distribution's full advisory feed (OSV
  JSON) so a fleet can be audited for every known CVE offline.
remediation: Update the package to the fixed version or later (apt/yum/dnf), then restart
  what uses it (`needrestart`, `dnf needs-restarting -r`); for container runtimes, restart
  the runtime and recreate the containers.
references: https://ossf.github.io/osv-schema/
  https://ubuntu.com/security/notices
  https://access.redhat.com/security/security-updates
tags: packages, security
*/
WITH known AS (
    SELECT id, aliases, ecosystem, package, introduced, fixed, severity, summary FROM advisories
    UNION ALL
    SELECT id, aliases, ecosystem, package, introduced, fixed, severity, summary FROM package_advisories
), installed AS (
    SELECT p.bundle_id, p.name, CASE WHEN p.manager = 'rpm' THEN 'rpm' ELSE 'deb' END AS scheme,
           coalesce(p.epoch || ':', '') || p.version || coalesce('-' || p.release, '') AS version,
           -- plain rpm -qa (ours, sos's installed-rpms) prints no epoch: unknown, not 0
           p.manager = 'rpm' AND p.epoch IS NULL AS epoch_unknown,
           CASE h.distro_id WHEN 'ubuntu' THEN 'Ubuntu:' || h.distro_version
                            WHEN 'debian' THEN 'Debian:' || split_part(h.distro_version, '.', 1)
                            WHEN 'almalinux' THEN 'AlmaLinux:' || split_part(h.distro_version, '.', 1)
                            WHEN 'rocky' THEN 'Rocky Linux:' || split_part(h.distro_version, '.', 1)
                            WHEN 'rhel' THEN 'Red Hat:enterprise_linux:' || split_part(h.distro_version, '.', 1)
                            WHEN 'centos' THEN 'Red Hat:enterprise_linux:' || split_part(h.distro_version, '.', 1)
           END AS ecosystem
    FROM packages p JOIN hosts h USING (bundle_id)
), affected AS (
    SELECT DISTINCT i.bundle_id, i.name, i.version, k.id, k.aliases, k.fixed, k.severity, k.summary
    FROM installed i JOIN known k ON k.package = i.name
         AND (k.ecosystem = 'any:' || i.scheme OR k.ecosystem = i.ecosystem OR starts_with(k.ecosystem, i.ecosystem || ':'))
    WHERE (coalesce(k.introduced, '0') IN ('0', '')
           OR version_cmp(i.version, CASE WHEN i.epoch_unknown THEN regexp_replace(k.introduced, '^\d+:', '')
                                          ELSE k.introduced END, i.scheme) >= 0)
      AND (k.fixed IS NULL
           OR version_cmp(i.version, CASE WHEN i.epoch_unknown THEN regexp_replace(k.fixed, '^\d+:', '')
                                          ELSE k.fixed END, i.scheme) < 0)
)
SELECT bundle_id, count(DISTINCT id) AS advisories, count(DISTINCT name) AS packages,
       string_agg(name || ' ' || version || ': ' || id || coalesce(' (' || aliases || ')', '')
                  || coalesce(', fixed in ' || fixed, ', no fix yet') || coalesce(' - ' || summary, ''),
                  chr(10) ORDER BY name, id) AS evidence
FROM affected GROUP BY bundle_id
