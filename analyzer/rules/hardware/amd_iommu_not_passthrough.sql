/*
title: AMD EPYC host without IOMMU pass-through (iommu=pt)
severity: low
description: On AMD EPYC servers the IOMMU translates every DMA of every device unless the
  kernel is booted with `iommu=pt`; with fast NICs (25/100 Gb, SR-IOV, DPDK) and NVMe that
  costs throughput and CPU, and under load shows as packet drops and `AMD-Vi: Event logged
  [IO_PAGE_FAULT ...]` lines. Virtual machines are not concerned (their host decides).
remediation: Add `iommu=pt` (pass-through for the host's own devices; keeps the IOMMU for
  VFs assigned to guests) to the kernel command line and reboot.
references: https://docs.kernel.org/admin-guide/kernel-parameters.html
tags: hardware, performance, network
*/
SELECT bundle_id, cpu_model || ' booted with: ' || kernel_cmdline AS evidence
FROM hosts
WHERE cpu_model LIKE 'AMD EPYC%' AND cpu_hypervisor IS NULL AND kernel_cmdline IS NOT NULL
  AND NOT regexp_matches(kernel_cmdline, '(^| )iommu=pt( |$)')
