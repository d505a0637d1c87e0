#!/usr/bin/env bash
# check-on-arm.sh: the device program on the Pi's two processors (arm64 and armhf), without a Pi.
#
# Builds the device jar the way ./plmwatch-device does, makes a Debian 12 sysroot per architecture
# from Debian's own packages (openjdk-17-jre-headless and its dependency closure, unpacked with
# dpkg -x, cached under ${XDG_CACHE_HOME:-~/.cache}/plmwatch-arm), and runs Debian's ARM JVM under
# qemu-user (qemu-aarch64-static / qemu-arm-static -L SYSROOT; binfmt_misc is not needed). On each
# architecture it
#   1. records and closes a short synthetic night with the systemd unit's flags and heap limit,
#      then scores the night on this host with ./plmwatch score --left and checks the result;
#   2. starts --sensor lis3dh the way the unit does, on a "Pi" without /dev/i2c-1 and
#      /dev/gpiochip0: the device must load every Pi4J native library it uses and stop with the
#      self-test failure a user sees on a Pi whose I2C is not enabled (exit 4);
#   3. starts it again with a stand-in /dev/i2c-1, so the Pi4J context is built the way
#      the device builds it (Pi4jContexts.forDevice() plus the GPIO output provider) and must stop
#      with the clear "no GPIO chip" self-test failure (exit 4), never an UnsatisfiedLinkError;
# and prints one line per architecture ending in "ok" or in the reason it is not.
# Also prints the device loop's cost under emulation against the host (hardware/power.md).
#
# Not part of mvn verify: the first run downloads ~200 MB and everything takes minutes.
# Needs: Debian 12 (bookworm) host, root (dpkg --add-architecture, apt-get), qemu-user-static.
# Usage: hardware/check-on-arm.sh [arm64] [armhf]     (default: both)
# Exit status: 0 all architectures ok, 1 one failed, 2 cannot run here.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/plmwatch-arm"
unit="$here/pi-os/plmwatch-device.service"
# Bump when the sysroot recipe changes, so cached sysroots are rebuilt.
recipe=2

die() { echo "check-on-arm: $*" >&2; exit 2; }

archs=("$@")
[[ ${#archs[@]} -gt 0 ]] || archs=(arm64 armhf)
for a in "${archs[@]}"; do
  [[ $a == arm64 || $a == armhf ]] || die "unknown architecture '$a' (arm64 or armhf)"
done

# The unit's heap: the one thing the unit passes to the JVM (Environment=PLMWATCH_JAVA_OPTS=...).
unit_java_opts="$(sed -n 's/^Environment=PLMWATCH_JAVA_OPTS=//p' "$unit")"
[[ -n $unit_java_opts ]] || die "no Environment=PLMWATCH_JAVA_OPTS= line in $unit"
# The launcher's fixed JVM flags (hardware/pi-os/plmwatch-device.launcher, same as ./plmwatch-device).
launcher_opts="$(sed -n 's/^exec java \(.*\) \${PLMWATCH_JAVA_OPTS.*/\1/p' "$here/pi-os/plmwatch-device.launcher")"
[[ -n $launcher_opts ]] || die "cannot read the JVM flags from hardware/pi-os/plmwatch-device.launcher"

# ---- 1. the device jar, built exactly as ./plmwatch-device builds it (only when stale) ----------
"$repo/plmwatch-device" --version >/dev/null || die "the device program does not build (./plmwatch-device --version)"
jar="$repo/firmware-sim/target/plmwatch-device.jar"
[[ -f $jar && -d $repo/firmware-sim/target/lib ]] || die "no $jar after the build"

# ---- 2. sysroots ---------------------------------------------------------------------------------
qemu_for() { case $1 in arm64) echo qemu-aarch64-static ;; armhf) echo qemu-arm-static ;; esac; }
# The CPU to emulate: the Zero 2 W's Cortex-A53. qemu-arm has no A53 model for 32-bit code; the
# Cortex-A15 is the closest ARMv7 model with the A53's 32-bit features (VFPv4, NEON, idiv, LPAE).
qemu_cpu_for() { case $1 in arm64) echo cortex-a53 ;; armhf) echo cortex-a15 ;; esac; }

ensure_tools() {
  local missing=()
  for t in qemu-aarch64-static qemu-arm-static; do command -v "$t" >/dev/null || missing+=("$t"); done
  if [[ ${#missing[@]} -gt 0 ]]; then
    [[ $(id -u) == 0 ]] || die "qemu-user-static is not installed; as root: apt-get install qemu-user-static"
    apt-get install -y -q qemu-user-static >/dev/null || die "apt-get install qemu-user-static failed"
  fi
}

# Writes the files by which Pi4J recognises a Raspberry Pi Zero 2 W into the sysroot. qemu -L
# looks every absolute path up in the sysroot first, so the JVM reads these instead of the host's
# /proc. Without them Pi4J 2.8.0's NativeLibraryLoader refuses to load any native library ("board
# model is unknown") and the check would prove nothing. Contents follow a Zero 2 W running the
# given kernel (Revision 902120 = Zero 2 W rev 1.0 in Pi4J's BoardModel table).
write_pi_identity() {
  local root=$1 arch=$2
  mkdir -p "$root/proc/device-tree"
  printf 'Raspberry Pi Zero 2 W Rev 1.0\0' >"$root/proc/device-tree/model"
  {
    for cpu in 0 1 2 3; do
      if [[ $arch == arm64 ]]; then
        printf 'processor\t: %d\nBogoMIPS\t: 38.40\nFeatures\t: fp asimd evtstrm crc32 cpuid\n' "$cpu"
        printf 'CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\nCPU part\t: 0xd03\nCPU revision\t: 4\n\n'
      else
        printf 'processor\t: %d\nmodel name\t: ARMv7 Processor rev 4 (v7l)\nBogoMIPS\t: 38.40\n' "$cpu"
        printf 'Features\t: half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae evtstrm crc32\n'
        printf 'CPU implementer\t: 0x41\nCPU architecture: 7\nCPU variant\t: 0x0\nCPU part\t: 0xd03\nCPU revision\t: 4\n\n'
      fi
    done
    printf 'Hardware\t: BCM2835\nRevision\t: 902120\nSerial\t\t: 00000000c0ffee00\nModel\t\t: Raspberry Pi Zero 2 W Rev 1.0\n'
  } >"$root/proc/cpuinfo"
}

# Debian 12's openjdk-17-jre-headless for $1 and its Depends closure (that architecture's
# packages; the arch:all ones are fonts, certificates and scripts the device does not use).
ensure_sysroot() {
  local arch=$1 dir="$cache/$arch" root="$cache/$arch/root"
  if [[ -f $dir/ready && $(cat "$dir/ready") == "$recipe" ]]; then return 0; fi
  [[ $(id -u) == 0 ]] || die "making the $arch sysroot needs root (dpkg --add-architecture, apt-get update); run once as root"
  echo "check-on-arm: making the Debian 12 $arch sysroot in $dir (downloads ~100 MB once)" >&2
  rm -rf "$dir" && mkdir -p "$dir/debs" "$root" || die "cannot create $dir"
  if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    dpkg --add-architecture "$arch" && apt-get update -q >/dev/null || die "dpkg --add-architecture $arch / apt-get update failed"
  fi
  local pkgs
  pkgs=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
           --no-enhances "openjdk-17-jre-headless:$arch" 2>/dev/null | grep -E "^[a-z0-9][a-z0-9.+-]*:$arch\$" | sort -u)
  grep -qx "openjdk-17-jre-headless:$arch" <<<"$pkgs" \
    || die "apt knows no openjdk-17-jre-headless:$arch (is this Debian 12 with $arch added? apt-get update)"
  # shellcheck disable=SC2086
  (cd "$dir/debs" && apt-get download -q $pkgs >"$dir/download.log" 2>&1) \
    || die "apt-get download failed for $arch (see $dir/download.log)"
  local deb
  for deb in "$dir"/debs/*.deb; do
    dpkg -x "$deb" "$root" || die "dpkg -x $deb failed"
  done
  rm -rf "$dir/debs"
  write_pi_identity "$root" "$arch"
  echo "$recipe" >"$dir/ready"
}

java_in() {
  local j
  j=$(find "$1/usr/lib/jvm" -path '*/bin/java' -type f 2>/dev/null | head -1)
  [[ -n $j ]] && echo "$j"
}

# ---- 3. the checks -----------------------------------------------------------------------------
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
results=()

# Runs the device jar on $arch with the launcher's and the unit's JVM flags, the rest of the
# arguments as the device's. stdout/stderr to $work/$arch-$tag.{out,err}; prints wall and CPU s.
run_device() {
  local arch=$1 tag=$2; shift 2
  local root="$cache/$arch/root" java
  java=$(java_in "$root") || return 90
  local t0 t1 rc
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %U %S %M' -o "$work/$arch-$tag.time" \
    "$(qemu_for "$arch")" -cpu "$(qemu_cpu_for "$arch")" -L "$root" "$java" $launcher_opts $unit_java_opts \
      -Djava.io.tmpdir="$work/$arch-tmp" -jar "$jar" "$@" >"$work/$arch-$tag.out" 2>"$work/$arch-$tag.err"
  rc=$?
  return $rc
}

ensure_tools
for arch in "${archs[@]}"; do
  ensure_sysroot "$arch"
done
echo "device jar: $jar; JVM flags: $launcher_opts $unit_java_opts (from the unit and its launcher)"
