#!/usr/bin/env bash
# Tests install.sh against a fake root in a temporary directory: --dry-run changes nothing, the first
# run makes every change, a second run changes nothing (idempotence), --leg right rewrites only the
# unit, a stale jar is removed, a console on ttyGS0 is dropped, and a foreign modules-load word stops
# the script without touching cmdline.txt. Needs bash, coreutils, awk; uses the real systemctl
# --root when present (it only creates symlinks), stubs for useradd/usermod/groupadd. No root needed.
#
#   hardware/pi-os/test-install.sh        exit 0 when every check passes
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

ok()   { checks=$((checks + 1)); echo "ok   $1"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL $1" >&2; }
check() { # DESCRIPTION COMMAND...
    local what="$1"; shift
    if "$@"; then ok "$what"; else fail "$what"; fi
}

# A fingerprint of everything under a directory: path, type, mode, content or link target.
fingerprint() {
    (cd "$1" && find . -printf '%p %y %m %l\n' | sort && find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
}

# --- fixtures -------------------------------------------------------------------------------------
new_root() { # DIR: a Pi OS-like tree; config.txt ends inside a conditional section on purpose
    local r="$1"
    mkdir -p "$r/etc/systemd/system" "$r/boot/firmware" "$r/var/lib" "$r/opt"
    printf 'root:x:0:0:root:/root:/bin/bash\npi:x:1000:1000::/home/pi:/bin/bash\n' > "$r/etc/passwd"
    printf 'root:x:0:\ndialout:x:20:pi\ni2c:x:998:pi\ngpio:x:997:pi\npi:x:1000:\n' > "$r/etc/group"
    cat > "$r/boot/firmware/config.txt" <<'EOF'
# For more options and information see the Raspberry Pi documentation (config.txt)
dtparam=audio=on
camera_auto_detect=1
display_auto_detect=1
auto_initramfs=1
# Enable DRM VC4 V3D driver
dtoverlay=vc4-kms-v3d
max_framebuffers=2
arm_64bit=1

[cm4]
otg_mode=1
EOF
    printf 'console=serial0,115200 console=tty1 root=PARTUUID=0123abcd-02 rootfstype=ext4 fsck.repair=yes rootwait quiet\n' \
        > "$r/boot/firmware/cmdline.txt"
}

mkdir -p "$work/artifacts/lib" "$work/bin"
echo 'fake jar' > "$work/artifacts/plmwatch-device.jar"
echo 'lib a' > "$work/artifacts/lib/a.jar"
echo 'lib b' > "$work/artifacts/lib/b.jar"

# Stubs that edit the fake root's files the way the real tools would; plmwatch gets the caller's
# uid/gid so chown works without root.
cat > "$work/bin/useradd" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
root="$2"; user="${*: -1}"
echo "$user:x:$(id -u):$(id -g)::/var/lib/plmwatch:/usr/sbin/nologin" >> "$root/etc/passwd"
echo "$user:x:$(id -g):" >> "$root/etc/group"
EOF
cat > "$work/bin/usermod" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
root="$2"; group="$4"; user="$5"
awk -F: -v OFS=: -v g="$group" -v u="$user" '$1 == g { $4 = ($4 == "" ? u : $4 "," u) } { print }' \
    "$root/etc/group" > "$root/etc/group.new"
mv "$root/etc/group.new" "$root/etc/group"
EOF
cat > "$work/bin/groupadd" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
echo "${*: -1}:x:$((900 + RANDOM % 50)):" >> "$2/etc/group"
EOF
if ! command -v systemctl > /dev/null; then
    cat > "$work/bin/systemctl" <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
root="$2"; verb="$3"; unit="$4"
case "$verb" in
    mask) ln -sf /dev/null "$root/etc/systemd/system/$unit" ;;
    enable) mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
            ln -sf "/etc/systemd/system/$unit" "$root/etc/systemd/system/multi-user.target.wants/$unit" ;;
esac
EOF
fi
chmod +x "$work/bin"/*

run_install() { # ROOT ARGS...: runs install.sh, output in $out, exit status in $status
    local r="$1"; shift
    status=0
    out="$(PATH="$work/bin:$PATH" ROOT="$r" "$here/install.sh" --from "$work/artifacts" "$@" 2>&1)" || status=$?
}
count_changes() { grep -c '^change: ' <<< "$out" || true; }

# --- 1. dry run on a fresh root changes nothing but lists the work ----------------------------------
r="$work/root"
new_root "$r"
snapshot="$(fingerprint "$r")"
run_install "$r" --dry-run
check "dry run exits 0" test "$status" -eq 0
check "dry run lists changes" grep -q '^would: ' <<< "$out"
check "dry run changes no file" test "$(fingerprint "$r")" == "$snapshot"

# --- 2. first run ---------------------------------------------------------------------------------
run_install "$r"
check "first run exits 0" test "$status" -eq 0
[[ $status -eq 0 ]] || echo "$out" >&2
check "first run reports changes" test "$(count_changes)" -gt 5
cfg="$r/boot/firmware/config.txt"
for line in '[all]' dtoverlay=dwc2 dtparam=i2c_arm=on dtparam=i2c_arm_baudrate=400000 \
            dtoverlay=disable-wifi dtoverlay=disable-bt dtparam=act_led_trigger=none; do
    check "config.txt has '$line' exactly once" test "$(grep -cxF -- "$line" "$cfg")" -eq 1
done
check "the block comes after the [cm4] section, opened by [all]" \
    awk '/^\[cm4\]/ { cm4 = NR } /^\[all\]/ { all = NR } /^dtoverlay=dwc2/ { dwc = NR } END { exit !(cm4 < all && all < dwc) }' "$cfg"
check "display driver commented out" grep -q '^#dtoverlay=vc4-kms-v3d' "$cfg"
check "no active display driver" bash -c "! grep -q '^dtoverlay=vc4-kms-v3d' '$cfg'"
cmdline="$r/boot/firmware/cmdline.txt"
check "cmdline.txt is one line" test "$(wc -l < "$cmdline")" -eq 1
check "modules-load right after rootwait" grep -q ' rootwait modules-load=dwc2,g_serial quiet$' "$cmdline"
check "the rest of cmdline.txt kept" grep -q '^console=serial0,115200 console=tty1 root=PARTUUID=0123abcd-02 ' "$cmdline"
check "user plmwatch created" grep -q '^plmwatch:' "$r/etc/passwd"
for g in i2c gpio dialout; do
    check "plmwatch in group $g (and pi still there)" grep -Eq "^$g:x:[0-9]+:pi,plmwatch$" "$r/etc/group"
done
check "data dir mode 750" test "$(stat -c %a "$r/var/lib/plmwatch")" == 750
check "jar installed" cmp -s "$work/artifacts/plmwatch-device.jar" "$r/opt/plmwatch/plmwatch-device.jar"
check "lib jars installed" test -f "$r/opt/plmwatch/lib/a.jar" -a -f "$r/opt/plmwatch/lib/b.jar"
check "launcher executable" test -x "$r/opt/plmwatch/plmwatch-device"
check "i2c-dev loaded at boot" grep -qx i2c-dev "$r/etc/modules-load.d/plmwatch.conf"
check "udev rule installed" test -f "$r/etc/udev/rules.d/99-plmwatch-ttyGS0.rules"
unit="$r/etc/systemd/system/plmwatch-device.service"
check "unit starts the lis3dh on the left leg" \
    grep -qF 'ExecStart=/opt/plmwatch/plmwatch-device --sensor lis3dh --leg left --link /dev/ttyGS0 --data /var/lib/plmwatch' "$unit"
check "unit enabled" test -L "$r/etc/systemd/system/multi-user.target.wants/plmwatch-device.service"
check "getty on ttyGS0 masked" test "$(readlink "$r/etc/systemd/system/serial-getty@ttyGS0.service")" == /dev/null
check "says to reboot" grep -q '^reboot to apply' <<< "$out"

# --- 3. second run: idempotent ----------------------------------------------------------------------
snapshot="$(fingerprint "$r")"
run_install "$r"
check "second run exits 0" test "$status" -eq 0
check "second run makes 0 changes" test "$(count_changes)" -eq 0
check "second run says nothing to do" grep -q '^nothing to do' <<< "$out"
check "second run leaves every file as it was" test "$(fingerprint "$r")" == "$snapshot"
run_install "$r" --dry-run
check "dry run after install lists nothing" bash -c "! grep -q '^would: ' <<< \"\$1\"" _ "$out"

# --- 4. --leg right changes only the unit, then is idempotent too -----------------------------------
run_install "$r" --leg right --sensor adxl345
check "--leg right: exactly one change" test "$(count_changes)" -eq 1
check "--leg right: unit rewritten" grep -qF -- '--sensor adxl345 --leg right --link /dev/ttyGS0' "$unit"
snapshot="$(fingerprint "$r")"
run_install "$r" --leg right --sensor adxl345
check "--leg right again: 0 changes, same files" test "$(count_changes)" -eq 0 -a "$(fingerprint "$r")" == "$snapshot"

# --- 5. a new build without b.jar: the stale jar goes ----------------------------------------------
mv "$work/artifacts/lib/b.jar" "$work/b.jar"
run_install "$r" --leg right --sensor adxl345
check "stale lib/b.jar removed" test ! -e "$r/opt/plmwatch/lib/b.jar" -a -f "$r/opt/plmwatch/lib/a.jar"
mv "$work/b.jar" "$work/artifacts/lib/b.jar"

# --- 6. a block edited by hand is put back, the rest of config.txt untouched ------------------------
sed -i 's/^dtparam=i2c_arm_baudrate=400000$/dtparam=i2c_arm_baudrate=100000/' "$cfg"
echo 'gpu_mem=16' >> "$cfg"
run_install "$r" --leg right --sensor adxl345
check "edited block restored" test "$(grep -cxF dtparam=i2c_arm_baudrate=400000 "$cfg")" -eq 1
check "no stale 100 kHz line" bash -c "! grep -q 'i2c_arm_baudrate=100000' '$cfg'"
check "the user's own line after the block kept" grep -qx 'gpu_mem=16' "$cfg"
check "block still once" test "$(grep -c '^# >>> plmwatch' "$cfg")" -eq 1

# --- 7. console=ttyGS0 is removed; a foreign modules-load word stops the script ----------------------
r2="$work/root2"
new_root "$r2"
printf 'console=ttyGS0,115200 console=tty1 root=/dev/mmcblk0p2 rootwait\n' > "$r2/boot/firmware/cmdline.txt"
run_install "$r2"
check "console=ttyGS0 removed, gadget inserted" \
    test "$(cat "$r2/boot/firmware/cmdline.txt")" == 'console=tty1 root=/dev/mmcblk0p2 rootwait modules-load=dwc2,g_serial'
r3="$work/root3"
new_root "$r3"
printf 'console=tty1 root=/dev/mmcblk0p2 rootwait modules-load=dwc2,g_ether\n' > "$r3/boot/firmware/cmdline.txt"
before="$(cat "$r3/boot/firmware/cmdline.txt")"
run_install "$r3"
check "foreign modules-load: non-zero exit" test "$status" -ne 0
check "foreign modules-load: says merge by hand" grep -q 'merge by hand' <<< "$out"
check "foreign modules-load: cmdline.txt untouched" test "$(cat "$r3/boot/firmware/cmdline.txt")" == "$before"

# --- 8. the unit file itself: systemd parses every key (only the absent /opt binaries may be reported)
if command -v systemd-analyze > /dev/null; then
    mkdir -p "$work/verify" && cp "$here/plmwatch-device.service" "$work/verify/"
    complaints="$(systemd-analyze verify "$work/verify/plmwatch-device.service" 2>&1 | grep -v 'is not executable' || true)"
    check "systemd-analyze verify: no complaint about the unit" test -z "$complaints"
    [[ -z "$complaints" ]] || echo "$complaints" >&2
else
    echo "skip systemd-analyze verify (not installed)"
fi

echo "$((checks - failures))/$checks checks passed"
((failures == 0))
