"""Property-based: for any text, every parser gives rows that fit its table, or raises ParseError."""
import pyarrow as pa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sosql import parsers
from sosql.errors import ParseError
from sosql.read import catalog
from sosql.store import schema

FACT_COLUMNS = set(schema.column_names("hosts")) | set(schema.column_names("bundles"))
# Fragments of the real formats, so generated text reaches past the first line check.
FRAGMENTS = ["Linux ", "#1 SMP ", "x86_64", "\n", " = ", "Chain ", "(policy ACCEPT 1 packets, 2 bytes)", "*filter\n",
             ":INPUT ACCEPT [0:0]\n", "-A ", " -j ", "DROP", "--comment \"", "table ip filter {", "chain X {", "}",
             "1: eth0: <UP> mtu 1500", "    link/ether ", "inet 10.0.0.1/24", "vxlan id ", "Storage Driver: ",
             "{\"Driver\": ", "Module Size Used by\n", " Live 0x", "USER PID COMMAND\n", "ii  ", "\t",
             "Jul 10 09:40:13 h kernel: ", "[    1.0] ", "NAME=\"", "PRETTY_NAME=", "up 3 days, ", "nameserver ",
             "Time zone: ", "Leap status : ", "status 0x", "     remote    refid  ", "*", "Distributor ID:\t",
             "System Information\n", "\tManufacturer: ", "sosreport: ", "{\"format\": \"sosql-bundle\", \"items\": [",
             "{\"components\": {\"report\": {\"plugins\": {", " face |bytes packets|bytes ", "|", "\x00", "\ufffd", "é", "0x", "-1", "9999999999999999999999"]
TEXT = st.one_of(st.text(max_size=400),
                 st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join))
PARSERS = sorted({s.parser for s in catalog.SOURCES})
MEMBERS = {"iptables_save": "commands/ip6tables-legacy-save", "iptables_listing": "sos_commands/networking/iptables_-t_nat_-nvL",
           "dmi_id": "files/sys/class/dmi/id/sys_vendor", "sos_logs": "sos_logs/sos.log",
           "sysctl_conf": "etc/sysctl.d/50-x.conf", "bcache": "sys/block/bcache0/bcache/cache_mode",
           "rsyslog_conf": "etc/rsyslog.conf", "smartctl": "sos_commands/ata/smartctl_-a_.dev.sda",
           "kubelet_config": "files/etc/sysconfig/kubelet", "pressure": "files/proc/pressure/memory",
           "ip_rule": "sos_commands/networking/ip_netns_exec_ns1_ip_rule_list", "bonding": "proc/net/bonding/bond0",
           "ethtool_stats": "commands/ethtool_-S_eth0", "cni_config": "files/etc/cni/net.d/10-flannel.conflist",
           "netns_iptables": "commands/ip_netns_exec_ns1_iptables-save",
           "container_runtime": "sos_commands/crio/crictl_info"}


def _check_table(name, rows):
    assert isinstance(rows, pa.Table)
    assert set(rows.column_names) <= set(schema.column_names(name)), (name, rows.column_names)


def _fits_or_parse_error(name, text):
    """Parser `name` on `text`: rows that fit its table(s), facts that are columns, or ParseError."""
    parser = parsers.get(name)
    try:
        if parser.KIND == "log":
            previous = 0
            for table in parser.parse([(1, text)]):
                _check_table("log_lines", table)
                numbers = table.column("line_no").to_pylist()
                assert numbers == sorted(numbers) and (not numbers or numbers[0] > previous)
                previous = numbers[-1] if numbers else previous
            return
        result = parser.parse_member(text, MEMBERS[name]) if hasattr(parser, "parse_member") else parser.parse(text)
    except ParseError:
        return
    if parser.KIND == "facts":
        assert isinstance(result, dict) and set(result) <= FACT_COLUMNS | {"format"}, result
    else:
        for table, rows in (result.items() if isinstance(result, dict) else [(parser.TABLE, result)]):
            _check_table(table, rows)


# Each text goes through every parser: drawing a text costs hypothesis more than most parsers
# take to read it, so 150 texts for all (every parser sees each) cost less than 60 for each.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
@example(text="bytes|")          # a header cut short (/proc/net/dev's) once raised ValueError
@example(text="0: 0: <>mtu 10000000000")   # a number too big for its column once raised OverflowError
def test_every_parser_gives_rows_that_fit_its_table_or_raises_parse_error(text):
    for name in PARSERS:
        try:
            _fits_or_parse_error(name, text)
        except Exception as exc:     # which parser failed: the text alone does not say
            raise AssertionError(f"parser {name}: {type(exc).__name__}: {exc}") from exc
