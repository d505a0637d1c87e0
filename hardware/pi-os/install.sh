#!/usr/bin/env bash
# plmwatch: set up a Raspberry Pi Zero 2 W (Raspberry Pi OS Bookworm or later, 64-bit) as an ankle
# recorder. Run as root on the Pi. Idempotent: a second run changes nothing and says so.
#
#   sudo ./install.sh [--dry-run] [--leg left|right] [--sensor lis3dh|adxl345] [--from DIR] [--keep-display]
#
#   --from DIR      where plmwatch-device.jar and lib/ are (default: ../../firmware-sim/target).
#                   Build them on a PC: mvn -pl core,firmware-sim -am package -DskipTests, then copy
#                   firmware-sim/target/plmwatch-device.jar and firmware-sim/target/lib/ to the Pi.
#   --dry-run       print what would change, change nothing.
#   --keep-display  leave dtoverlay=vc4-kms-v3d active (HDMI console for debugging; costs power).
#
# Environment, for preparing or testing against another tree (nothing else changes behaviour):
#   ROOT      root of the target file system (default /). When it is not /, packages are not
#             installed (apt runs on the Pi only) and useradd/usermod/systemctl get --root.
#   BOOT_DIR  the boot partition (default $ROOT/boot/firmware, or $ROOT/boot on older systems).
set -euo pipefail

readonly USER_NAME=plmwatch
readonly DATA_DIR=/var/lib/plmwatch
readonly OPT_DIR=/opt/plmwatch
readonly UNIT=plmwatch-device.service
readonly GROUPS_NEEDED=(i2c gpio dialout)
readonly BEGIN_MARK='# >>> plmwatch: managed by hardware/pi-os/install.sh, do not edit inside'
readonly END_MARK='# <<< plmwatch'

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
artifacts="$here/../../firmware-sim/target"
leg=left
sensor=lis3dh
dry_run=0
keep_display=0
changes=0
boot_changed=0

die() { echo "install.sh: $*" >&2; exit 1; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

while (($#)); do
    case "$1" in
        --dry-run) dry_run=1 ;;
        --keep-display) keep_display=1 ;;
        --leg) leg="${2:-}"; shift ;;
        --sensor) sensor="${2:-}"; shift ;;
        --from) artifacts="${2:-}"; shift ;;
        -h|--help) sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
    shift
done
[[ "$leg" == left || "$leg" == right ]] || die "--leg must be left or right, got '$leg'"
[[ "$sensor" == lis3dh || "$sensor" == adxl345 ]] || die "--sensor must be lis3dh or adxl345, got '$sensor'"

root="${ROOT:-/}"
root="${root%/}"                      # "" means the running system
[[ -z "$root" ]] || root="$(cd "$root" 2>/dev/null && pwd)" || die "ROOT=${ROOT:-} is not a directory"
if [[ -z "$root" && $EUID -ne 0 && $dry_run -eq 0 ]]; then
    die "run as root on the Pi (sudo ./install.sh), or use --dry-run to see what it would do"
fi
if [[ -n "${BOOT_DIR:-}" ]]; then
    boot="$BOOT_DIR"
elif [[ -d "$root/boot/firmware" ]]; then
    boot="$root/boot/firmware"
else
    boot="$root/boot"
fi
root_opt=()                           # --root for useradd, usermod, groupadd and systemctl
[[ -n "$root" ]] && root_opt=(--root "$root")

jar="$artifacts/plmwatch-device.jar"
[[ -f "$jar" && -d "$artifacts/lib" ]] || die "no $jar with lib/ beside it. Build on a PC with
  mvn -pl core,firmware-sim -am package -DskipTests
then copy firmware-sim/target/plmwatch-device.jar and firmware-sim/target/lib/ to the Pi and pass --from DIR"
[[ -f "$boot/config.txt" ]] || die "no config.txt in $boot; set BOOT_DIR to the boot partition"
[[ -f "$boot/cmdline.txt" ]] || die "no cmdline.txt in $boot; set BOOT_DIR to the boot partition"

# change DESCRIPTION COMMAND...: the only way this script modifies anything.
change() {
    local what="$1"; shift
    changes=$((changes + 1))
    if ((dry_run)); then
        echo "would: $what"
    else
        echo "change: $what"
        "$@"
    fi
}

# install_file SRC DEST MODE: copy when content or mode differ.
install_file() {
    local src="$1" dest="$2" mode="$3"
    if [[ -f "$root$dest" ]] && cmp -s "$src" "$root$dest" && [[ "$(stat -c %a "$root$dest")" == "$mode" ]]; then
        return 0
    fi
    change "install $dest (mode $mode)" install -D -m "$mode" "$src" "$root$dest"
}

# --- packages: a Java 17+ runtime and i2cdetect for checking the wiring ---------------------------
install_packages() {
    if [[ -n "$root" ]]; then
        echo "note: ROOT=$root: packages are not installed here; on the Pi run install.sh again (or apt-get install openjdk-17-jre-headless i2c-tools)"
        return 0
    fi
    local java_pkg="" pkg missing=()
    # Bookworm has openjdk-17; later Debian releases may only carry 21, which runs the same jar.
    for pkg in openjdk-17-jre-headless openjdk-21-jre-headless; do
        if apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]'; then java_pkg="$pkg"; break; fi
    done
    [[ -n "$java_pkg" ]] || die "no openjdk-17 or openjdk-21 JRE in the apt sources; run apt-get update first"
    for pkg in "$java_pkg" i2c-tools; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) || change "apt-get install ${missing[*]}" \
        env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

# --- user plmwatch in groups i2c (/dev/i2c-1), gpio (/dev/gpiochip*), dialout (/dev/ttyGS0) --------
in_group() { # GROUP USER
    awk -F: -v g="$1" -v u="$2" '$1 == g { n = split($4, m, ","); for (i = 1; i <= n; i++) if (m[i] == u) found = 1 }
        END { exit !found }' "$root/etc/group"
}
setup_user() {
    local g
    for g in "${GROUPS_NEEDED[@]}"; do
        grep -q "^$g:" "$root/etc/group" || change "create group $g" groupadd "${root_opt[@]}" --system "$g"
    done
    grep -q "^$USER_NAME:" "$root/etc/passwd" || change "create system user $USER_NAME" \
        useradd "${root_opt[@]}" --system --user-group --home-dir "$DATA_DIR" --no-create-home \
        --shell /usr/sbin/nologin "$USER_NAME"
    for g in "${GROUPS_NEEDED[@]}"; do
        in_group "$g" "$USER_NAME" || change "add $USER_NAME to group $g" usermod "${root_opt[@]}" -aG "$g" "$USER_NAME"
    done
}

# --- data directory ---------------------------------------------------------------------------------
setup_data_dir() {
    local ids
    ids="$(awk -F: -v u="$USER_NAME" '$1 == u { print $3 ":" $4 }' "$root/etc/passwd")"
    if [[ -z "$ids" ]]; then # only in a dry run: the user does not exist yet
        change "create $DATA_DIR owned by $USER_NAME, mode 750" true
        return 0
    fi
    [[ -d "$root$DATA_DIR" ]] || change "create $DATA_DIR" mkdir -p "$root$DATA_DIR"
    if [[ ! -d "$root$DATA_DIR" || "$(stat -c %u:%g "$root$DATA_DIR")" != "$ids" ]]; then
        change "give $DATA_DIR to $USER_NAME" chown "$ids" "$root$DATA_DIR"
    fi
    if [[ ! -d "$root$DATA_DIR" || "$(stat -c %a "$root$DATA_DIR")" != 750 ]]; then
        change "make $DATA_DIR mode 750" chmod 750 "$root$DATA_DIR"
    fi
    if ! mountpoint -q "$root$DATA_DIR" 2>/dev/null; then
        echo "note: $DATA_DIR is not its own partition. Recommended: a separate ext4 partition mounted there"
        echo "      (a power cut mid-write then cannot damage the root file system, and the card's wear"
        echo "      stays in one area that can be checked or replaced; see hardware/README.md)."
    fi
}

# --- program files -----------------------------------------------------------------------------------
install_program() {
    local f name rendered
    install_file "$jar" "$OPT_DIR/plmwatch-device.jar" 644
    for f in "$artifacts"/lib/*.jar; do
        [[ -e "$f" ]] || continue
        install_file "$f" "$OPT_DIR/lib/$(basename "$f")" 644
    done
    for f in "$root$OPT_DIR"/lib/*.jar; do # a jar the new build no longer has would shadow nothing, but confuses
        [[ -e "$f" ]] || continue
        name="$(basename "$f")"
        [[ -f "$artifacts/lib/$name" ]] || change "remove stale $OPT_DIR/lib/$name" rm -f "$f"
    done
    install_file "$here/plmwatch-device.launcher" "$OPT_DIR/plmwatch-device" 755
    install_file "$here/powersave.sh" "$OPT_DIR/powersave.sh" 755
    install_file "$here/on-exit.sh" "$OPT_DIR/on-exit.sh" 755
    install_file "$here/99-plmwatch-ttyGS0.rules" /etc/udev/rules.d/99-plmwatch-ttyGS0.rules 644
    rendered="$scratch/rendered"
    printf '# /dev/i2c-1 for the accelerometer (plmwatch)\ni2c-dev\n' > "$rendered"
    install_file "$rendered" /etc/modules-load.d/plmwatch.conf 644
    sed -e "s/--sensor lis3dh /--sensor $sensor /" -e "s/--leg left /--leg $leg /" \
        "$here/plmwatch-device.service" > "$rendered"
    grep -q -- "--sensor $sensor --leg $leg " "$rendered" || die "could not set --sensor/--leg in the unit file"
    install_file "$rendered" "/etc/systemd/system/$UNIT" 644
}

# --- config.txt: one managed block at the end, display driver off --------------------------------------
config_block() {
    echo "$BEGIN_MARK"
    cat "$here/config.txt.append"
    echo "$END_MARK"
}
write_config_block() { # rewrite config.txt without any old block, then append the current one
    local cfg="$boot/config.txt" tmp="$scratch/config.txt"
    awk -v b="$BEGIN_MARK" -v e="$END_MARK" '$0 == b { skip = 1; next } $0 == e { skip = 0; next } !skip' "$cfg" > "$tmp"
    [[ -s "$tmp" && -n "$(tail -c 1 "$tmp")" ]] && echo >> "$tmp"   # end the last line before appending
    config_block >> "$tmp"
    cat "$tmp" > "$cfg"
}
setup_config_txt() {
    local cfg="$boot/config.txt" current
    current="$(awk -v b="$BEGIN_MARK" -v e="$END_MARK" '$0 == b { on = 1 } on { print } $0 == e { on = 0 }' "$cfg")"
    if [[ "$current" != "$(config_block)" ]]; then
        change "write the plmwatch block at the end of $cfg" write_config_block
        boot_changed=1
    fi
    if ((keep_display == 0)) && grep -Eq '^[[:space:]]*dtoverlay=vc4-f?kms-v3d' "$cfg"; then
        change "comment out the display driver (dtoverlay=vc4-kms-v3d) in $cfg" \
            sed -E -i 's/^([[:space:]]*)(dtoverlay=vc4-f?kms-v3d.*)$/\1#\2  # plmwatch: no display, saves power/' "$cfg"
        boot_changed=1
    fi
}

# --- cmdline.txt: modules-load=dwc2,g_serial after rootwait, no console on ttyGS0 ---------------------
write_cmdline() { printf '%s\n' "$1" > "$boot/cmdline.txt"; }
setup_cmdline_txt() {
    local file="$boot/cmdline.txt" line word words=() out=() has_gadget=0 has_modules="" has_rootwait=0 dropped=0
    IFS= read -r line < "$file" || true
    read -ra words <<< "$line"
    for word in "${words[@]}"; do
        case "$word" in
            console=ttyGS0*) dropped=1; continue ;;
            modules-load=*) has_modules="$word"; [[ ",${word#modules-load=}," == *,g_serial,* ]] && has_gadget=1 ;;
            rootwait) has_rootwait=1 ;;
        esac
        out+=("$word")
    done
    if ((has_gadget == 0)); then
        [[ -z "$has_modules" ]] || die "$file already has '$has_modules'; merge by hand into one word
  modules-load=<yours>,dwc2,g_serial (see hardware/pi-os/cmdline.txt.note), then run install.sh again"
        ((has_rootwait)) || die "$file has no 'rootwait' word; is it a Raspberry Pi OS cmdline.txt? (see cmdline.txt.note)"
        local with=() w
        for w in "${out[@]}"; do with+=("$w"); [[ "$w" == rootwait ]] && with+=("modules-load=dwc2,g_serial"); done
        out=("${with[@]}")
    fi
    if ((has_gadget == 0 || dropped)); then
        local what="insert modules-load=dwc2,g_serial after rootwait in $file"
        ((has_gadget)) && what="remove the console=ttyGS0 word from $file"
        ((has_gadget == 0 && dropped)) && what="$what, and remove its console=ttyGS0 word"
        change "$what" write_cmdline "${out[*]}"
        boot_changed=1
    fi
}

# --- systemd: no getty on the link, the recorder enabled ----------------------------------------------
setup_systemd() {
    local getty="$root/etc/systemd/system/serial-getty@ttyGS0.service"
    if [[ "$(readlink "$getty" 2>/dev/null)" != /dev/null ]]; then
        change "mask serial-getty@ttyGS0.service (no login prompt on the link)" \
            systemctl "${root_opt[@]}" mask serial-getty@ttyGS0.service
    fi
    if [[ ! -L "$root/etc/systemd/system/multi-user.target.wants/$UNIT" ]]; then
        change "enable $UNIT" systemctl "${root_opt[@]}" enable "$UNIT"
    fi
}

before=$changes
install_packages
setup_user
setup_data_dir
install_program
program_changed=$((changes - before))
setup_config_txt
setup_cmdline_txt
setup_systemd

if ((changes == 0)); then
    echo "nothing to do: plmwatch is installed ($sensor, $leg leg); 0 changes"
    exit 0
fi
if ((dry_run)); then
    echo "dry run: $changes changes would be made; nothing was changed"
    exit 0
fi
if [[ -z "$root" && $program_changed -gt 0 ]]; then
    systemctl daemon-reload
    udevadm control --reload || true
fi
echo "done: $changes changes ($sensor, $leg leg)"
if ((boot_changed)); then
    echo "reboot to apply the boot configuration (USB gadget serial, I2C, radios off)"
elif [[ -z "$root" ]]; then
    systemctl restart "$UNIT"
fi
