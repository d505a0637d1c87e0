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
# and prints one line per architecture ending in "ok" or in the reason it is not (details indented
# above it).
# Also prints the device loop's cost under emulation against the host (hardware/power.md).
#
# Not part of mvn verify: the first run downloads ~135 MB (500 MB unpacked) and a run takes minutes.
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
# shellcheck disable=SC2016 # the literal ${PLMWATCH_JAVA_OPTS in the launcher is matched, not expanded
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
  local arch=$1
  local dir="$cache/$arch"
  local root="$dir/root"
  if [[ -f $dir/ready && $(cat "$dir/ready") == "$recipe" ]]; then return 0; fi
  [[ $(id -u) == 0 ]] || die "making the $arch sysroot needs root (dpkg --add-architecture, apt-get update); run once as root"
  echo "check-on-arm: making the Debian 12 $arch sysroot in $dir (downloads ~70 MB once)" >&2
  rm -rf "$dir"
  mkdir -p "$dir/debs" "$root" || die "cannot create $dir"
  if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    dpkg --add-architecture "$arch" || die "dpkg --add-architecture $arch failed"
    apt-get update -q >/dev/null || die "apt-get update failed (after adding $arch)"
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
# Everything the emulated JVMs write lives on tmpfs: a 32-bit program under qemu-user on a 64-bit
# host gets EOVERFLOW from readdir() on ext4, whose 64-bit directory cookies do not fit the 32-bit
# d_off (the kernel gives 32-bit cookies to a real 32-bit process, so the Pi is not affected:
# hardware/README.md). tmpfs cookies are small.
shm=/dev/shm
[[ $(stat -f -c %T "$shm" 2>/dev/null) == tmpfs ]] || die "$shm is not a tmpfs (needed for armhf under qemu-user, see hardware/README.md)"
work="$(mktemp -d -p "$shm" plmwatch-arm.XXXXXX)" || die "cannot create a directory in $shm"
trap 'rm -rf "$work"' EXIT
hours=0.25

# Runs the device jar on $1 (arm64|armhf|host) with the launcher's and the unit's JVM flags; $2 is
# a tag for the output files $work/$1-$2.{out,err,time}, the rest are the device's arguments.
run_device() {
  local arch=$1 tag=$2; shift 2
  mkdir -p "$work/$arch-tmp"
  local cmd=()
  if [[ $arch == host ]]; then
    cmd=(java)
  else
    local root="$cache/$arch/root" java
    java=$(java_in "$root") || { echo "no java in the $arch sysroot" >"$work/$arch-$tag.err"; return 90; }
    cmd=("$(qemu_for "$arch")" -cpu "$(qemu_cpu_for "$arch")" -L "$root" "$java")
  fi
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %U %S' -o "$work/$arch-$tag.time" \
    "${cmd[@]}" $launcher_opts $unit_java_opts -Djava.io.tmpdir="$work/$arch-tmp" -jar "$jar" "$@" \
    >"$work/$arch-$tag.out" 2>"$work/$arch-$tag.err"
}

# The device loop's CPU per sample (DeviceLoopBenchmark, loop thread only, no flushes and with the
# unit's 2 s flushes) for a 2-hour synthetic night (long enough that JIT warm-up is a small part); prints "ns-per-sample-without ns-per-sample-with".
loop_cost() {
  local arch=$1 cmd=()
  if [[ $arch == host ]]; then
    cmd=(java)
  else
    local root="$cache/$arch/root"
    cmd=("$(qemu_for "$arch")" -cpu "$(qemu_cpu_for "$arch")" -L "$root" "$(java_in "$root")")
  fi
  mkdir -p "$work/$arch-tmp"
  # shellcheck disable=SC2086
  "${cmd[@]}" $launcher_opts $unit_java_opts -Djava.io.tmpdir="$work/$arch-tmp" \
    -cp "$jar:$repo/firmware-sim/target/lib/*" org.plmwatch.sim.device.DeviceLoopBenchmark 2 1 loop-only \
    2>&1 | sed -n 's/^device loop, flush every \([0-9]*\) s: .* CPU \([0-9]*\) ns\/sample.*/\1 \2/p' \
    | awk '$1 == 3600 {without = $2} $1 == 2 {with = $2} END {print without, with}'
}

first_line() { grep -m1 -E "$2" "$1" 2>/dev/null; }

# qemu's host CPU per emulated instruction on $1 (hardware/qemu-insn-rate.c, built with Debian's
# cross compilers when installed: gcc-aarch64-linux-gnu, gcc-arm-linux-gnueabihf); prints
# "alu NS memory NS branch NS" or nothing.
insn_rate() {
  local arch=$1 cc flags bin="$cache/qemu-insn-rate-$1"
  case $arch in
    arm64) cc=aarch64-linux-gnu-gcc; flags=() ;;
    armhf) cc=arm-linux-gnueabihf-gcc; flags=(-march=armv7-a+fp -marm) ;;
  esac
  if [[ ! -x $bin || $here/qemu-insn-rate.c -nt $bin ]]; then
    command -v "$cc" >/dev/null || return 0
    "$cc" -O2 -static "${flags[@]}" -o "$bin" "$here/qemu-insn-rate.c" || return 0
  fi
  "$(qemu_for "$arch")" -cpu "$(qemu_cpu_for "$arch")" "$bin" 2000000
}

# The estimate of hardware/power.md from the loop's CPU under qemu ($2 ns/sample) and qemu's cost
# per instruction ($3..: alu NS memory NS branch NS): the cheapest mix bounds the instruction count
# from above, the dearest from below; cycles = instructions x CPI, CPI 1.5 assumed for a Cortex-A53.
estimate() {
  local arch=$1 loop=$2; shift 2
  awk -v arch="$arch" -v loop="$loop" -v alu="$2" -v mem="$4" -v br="$6" 'BEGIN {
    lo = alu; if (mem < lo) lo = mem; if (br < lo) lo = br
    hi = alu; if (mem > hi) hi = mem; if (br > hi) hi = br
    nmax = loop / lo; nmin = loop / hi; cpi = 1.5; rate = 50
    printf "  %s: ESTIMATE, not measured on a Pi: qemu spends %.3f-%.3f ns of host CPU per ARM instruction " \
           "(alu/memory/branch mixes), so the loop runs %.0f-%.0f ARM instructions per sample; at CPI %.1f and " \
           "%d samples/s that is %.2f-%.2f %% of one Cortex-A53 core at 1 GHz (%.2f %% at most at the 600 MHz " \
           "powersave clock); the < 1 %% budget holds at 600 MHz up to CPI %.1f\n", arch, lo, hi, nmin, nmax, cpi, rate,
           100 * nmin * cpi * rate / 1e9, 100 * nmax * cpi * rate / 1e9, 100 * nmax * cpi * rate / 6e8,
           0.01 * 6e8 / rate / nmax
  }'
}

ensure_tools
for arch in "${archs[@]}"; do
  ensure_sysroot "$arch"
done
echo "device jar: $jar; JVM flags: $launcher_opts $unit_java_opts (the launcher's and the unit's)"

# The host's night and score are the reference: the same seeded night must give the same samples,
# movements and score on every processor.
run_device host night --sensor synthetic --speed 0 --hours "$hours" --leg left --data "$work/host-data" \
  || die "the reference night on this host failed: $(tail -3 "$work/host-night.err")"
host_closed="$(first_line "$work/host-night.out" '^closed night=')"
"$repo/plmwatch" score --left "$work/host-data/nights/night-000001.night" >"$work/host.score" 2>"$work/host.score.err" \
  || die "./plmwatch score of the host's night failed: $(tail -3 "$work/host.score.err")"
echo "  host: $host_closed; $(sed -n 's/^ *\(PLM in sleep (PLMS).*\)/\1/p' "$work/host.score" | tr -s ' ')"
read -r host_loop host_loop_flush <<<"$(loop_cost host)"

failed=0
for arch in "${archs[@]}"; do
  reason=""
  root="$cache/$arch/root"
  jvm="$(qemu_for "$arch") -L SYSROOT $("$(qemu_for "$arch")" -cpu "$(qemu_cpu_for "$arch")" -L "$root" "$(java_in "$root")" -version 2>&1 | sed -n 's/^OpenJDK \(.*VM\) (build \([^,]*\),.*/\1 \2/p')"

  # 1. a short synthetic night with the unit's flags, closed, scored on the host like the host's own
  run_device "$arch" night --sensor synthetic --speed 0 --hours "$hours" --leg left --data "$work/$arch-data"
  rc=$?
  closed="$(first_line "$work/$arch-night.out" '^closed night=')"
  night="$work/$arch-data/nights/night-000001.night"
  if [[ $rc != 0 ]]; then
    reason="night: exit $rc: $(grep -m1 -E 'Exception|Error|error|plmwatch-device:' "$work/$arch-night.err" || tail -1 "$work/$arch-night.err")"
  elif [[ $closed != "$host_closed" ]]; then
    reason="night: '$closed' where this host gives '$host_closed'"
  elif ! "$repo/plmwatch" score --left "$night" >"$work/$arch.score" 2>"$work/$arch.score.err"; then
    reason="./plmwatch score --left failed on the $arch night: $(tail -1 "$work/$arch.score.err")"
  elif ! cmp -s "$work/$arch.score" "$work/host.score"; then
    reason="the $arch night scores differently from the host's: $(diff "$work/host.score" "$work/$arch.score" | head -3 | tr '\n' ' ')"
  fi
  read -r wall user sys <"$work/$arch-night.time" 2>/dev/null
  read -r hwall huser hsys <"$work/host-night.time"
  echo "  $arch: $jvm; night $hours h: ${closed:-no closed line}; $wall s wall, $(awk "BEGIN {print $user + $sys}") s CPU under qemu (host: $hwall s wall, $(awk "BEGIN {print $huser + $hsys}") s CPU)"

  # 2. --sensor lis3dh as the unit starts it (without --link: the USB gadget is not emulated), on a
  #    "Pi" with neither /dev/i2c-1 nor /dev/gpiochip0
  if [[ -z $reason ]]; then
    run_device "$arch" pi --sensor lis3dh --leg left --data "$work/$arch-pi"
    rc=$?
    natives="$(first_line "$work/$arch-pi.out" '^pi4j native libraries loaded: ')"
    if grep -qE 'UnsatisfiedLinkError|Exception in thread|SIGSEGV|SIGILL|SIGBUS|fatal error' "$work/$arch-pi.err"; then
      reason="lis3dh start: $(grep -m1 -E 'UnsatisfiedLinkError|Exception in thread|SIGSEGV|SIGILL|SIGBUS|fatal error' "$work/$arch-pi.err")"
    elif [[ $rc != 4 ]]; then
      reason="lis3dh start: exit $rc instead of 4: $(tail -1 "$work/$arch-pi.err")"
    elif [[ -z $natives ]]; then
      reason="lis3dh start: Pi4J's native libraries did not load: $(tail -1 "$work/$arch-pi.err" | cut -c1-400)"
    elif ! grep -q '^plmwatch-device: self-test failed: no I2C bus /dev/i2c-1 .*Also no GPIO chip /dev/gpiochip0' "$work/$arch-pi.err"; then
      reason="lis3dh start: exit 4 but not the I2C-not-enabled message: $(tail -1 "$work/$arch-pi.err" | cut -c1-400)"
    else
      echo "  $arch: ${natives#pi4j native libraries loaded: } loaded; Pi4J context built as the device builds it; --sensor lis3dh exit 4: $(grep -o 'no I2C bus /dev/i2c-1 on this computer' "$work/$arch-pi.err"), also $(grep -o 'no GPIO chip /dev/gpiochip0' "$work/$arch-pi.err")"
    fi
  fi

  # 3. the device loop's cost per sample against the host's (hardware/power.md turns it into an estimate)
  if [[ -z $reason ]]; then
    read -r loop loop_flush <<<"$(loop_cost "$arch")"
    if [[ -n $loop && -n $host_loop ]]; then
      echo "  $arch: device loop $loop ns/sample under qemu vs $host_loop ns/sample on this host ($(awk "BEGIN {printf \"%.1f\", $loop / $host_loop}")x); with 2 s flushes $loop_flush vs $host_loop_flush ns/sample"
      rates="$(insn_rate "$arch")"
      if [[ $rates == alu* ]]; then
        echo "  $arch: qemu ns/instruction: $rates"
        # shellcheck disable=SC2086
        estimate "$arch" "$loop" $rates
      else
        echo "  $arch: no estimate: install gcc-aarch64-linux-gnu and gcc-arm-linux-gnueabihf for hardware/qemu-insn-rate.c"
      fi
    else
      reason="DeviceLoopBenchmark did not run on $arch"
    fi
  fi

  if [[ -n $reason ]]; then
    echo "$arch: $reason"
    failed=1
  else
    echo "$arch: ok"
  fi
done
exit $failed
