"""A crash report's frames and its signature.

The frames are the crash location (`RIP:`, `pc :`, ...) and the call-trace lines, each with
whether the kernel was sure of it (no `?`, not `(unreliable)`). The signature hashes the
first few reliable frames, stripped of offsets, `.isra.N`/`.constprop.N` suffixes and
generic frames, so the same bug groups across kernel builds (ABRT/satyr's duphash idea).

    >>> frames_of(["RIP: 0010:[<ffffffff8156e2b1>]  skb_put+0x61/0x70", "Call Trace:",
    ...            " [<ffffffffa03d1a5e>] ? e1000_clean+0x3e/0x90 [e1000]"])
    [('skb_put', True), ('e1000_clean', False)]
"""
import hashlib
import re

ADDRESS = re.compile(r"\[<([0-9a-f]+)>\]")
FRAME = re.compile(r"(\?\s*)?\.?([A-Za-z_$][\w.$]*)\+0x[0-9a-f]+/0x[0-9a-f]+")
FRAMES_START = re.compile(r"^\s*(?:Call [Tt]race|Backtrace|Stack:|Exception stack|\[<|[\w.$]+\+0x[0-9a-f]+/0x)")
LOCATION = re.compile(r"^(?:RIP|EIP|NIP|PC is at|pc :|IP:)")
SUFFIX = re.compile(r"(?:\.(?:isra|constprop|part|cold|llvm|clone|lto_priv)(?:\.\w+)?)+$|\.\d+$")
GENERIC = set("""dump_stack dump_stack_lvl __dump_stack show_stack show_trace_log_lvl show_regs panic __warn
warn_slowpath_common warn_slowpath_fmt warn_slowpath_null report_bug do_trap do_error_trap do_invalid_op invalid_op
handle_bug exc_invalid_op asm_exc_invalid_op page_fault async_page_fault do_page_fault __do_page_fault exc_page_fault
asm_exc_page_fault no_context __bad_area_nosemaphore bad_area_nosemaphore bad_area oops_end die do_general_protection
general_protection exc_general_protection asm_exc_general_protection ret_from_fork ret_from_fork_asm kthread
entry_SYSCALL_64_after_hwframe entry_SYSCALL_64 do_syscall_64 system_call_fastpath system_call tracesys
apic_timer_interrupt smp_apic_timer_interrupt hrtimer_interrupt __hrtimer_run_queues watchdog_timer_fn
tick_sched_timer tick_sched_handle update_process_times irq_exit __do_softirq do_softirq call_softirq schedule
__schedule schedule_timeout io_schedule schedule_preempt_disabled __lock_acquire lock_acquire
mark_held_locks trace_hardirqs_on_caller trace_hardirqs_on print_circular_bug""".split())
SIGNATURE_FRAMES = 5


def frames_of(messages):
    """(function, reliable) for the crash location and each call-trace line, in order.
    A location written twice, or again as the trace's first line (arm64: `pc : f+0x10/0x20`,
    then ` f+0x10/0x20`), gives one frame."""
    frames, in_trace, location = [], False, None
    for message in messages:
        in_trace = in_trace or bool(FRAMES_START.match(message))
        if in_trace or LOCATION.match(message):
            found = FRAME.search(message)
            if not found:
                continue
            where = (ADDRESS.findall(message[:found.start()])[-1:], found.group(0))
            if where == location:     # the location again (RHEL 6: IP: and RIP:)
                location = None
                continue
            location = None if in_trace else where
            # '? fn' (x86) and 'fn (unreliable)' (ppc64) are guesses from the stack
            frames.append((found.group(2), not found.group(1) and "(unreliable)" not in message))
    return frames


def normalize(function):
    return SUFFIX.sub("", function.lstrip("."))


def signature(kind, frames, title):
    """A short hash that is the same for the same bug on any kernel build."""
    names = [normalize(f) for f, reliable in frames if reliable]
    names = [n for n in names if n not in GENERIC][:SIGNATURE_FRAMES]
    basis = names or [re.sub(r"0x[0-9a-f]+|\d+", "N", title)]
    return hashlib.sha1("|".join([kind] + basis).encode()).hexdigest()[:16]
