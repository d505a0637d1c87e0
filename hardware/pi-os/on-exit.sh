#!/bin/sh
# plmwatch: run as root by systemd after plmwatch-device stops (ExecStopPost=+). Exit status 10 is
# the firmware's "battery low: night flushed and closed" (hardware/power.md); power off then, so
# the cell is not run down to its protection cut-off and the SD card never sees a brown-out.
# systemd sets EXIT_STATUS for ExecStopPost= commands.
set -eu
if [ "${EXIT_STATUS:-}" = "10" ]; then
    echo "plmwatch: battery low, night closed; powering off" >&2
    systemctl poweroff
fi
exit 0
