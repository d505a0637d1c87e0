#!/bin/sh
# plmwatch: set every CPU frequency policy to powersave (run as root by plmwatch-device.service).
# A missing cpufreq directory (e.g. in a container) is not an error: recording matters more.
set -eu
for governor in /sys/devices/system/cpu/cpufreq/policy*/scaling_governor; do
    [ -w "$governor" ] || continue
    echo powersave > "$governor" || echo "powersave.sh: could not set $governor" >&2
done
exit 0
