/*
 * qemu-insn-rate: how many nanoseconds of this host's CPU qemu-user spends per emulated ARM
 * instruction, for three instruction mixes (register arithmetic, loads/stores, conditional
 * branches). hardware/check-on-arm.sh divides the device loop's CPU time per sample under qemu by
 * these to bound the number of ARM instructions per sample (hardware/power.md, "CPU share").
 * Each loop iteration runs a known number of instructions, counted from the assembly below.
 * Build: aarch64-linux-gnu-gcc -O2 -static, or arm-linux-gnueabihf-gcc -O2 -static -march=armv7-a+fp -marm.
 * Usage: qemu-insn-rate [iterations=2000000]; prints "alu NS memory NS branch NS".
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Thread CPU time, so other programs on a shared host do not count. */
static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

#if defined(__aarch64__)
#define ALU "add x1, x1, x2\n eor x3, x3, x1\n add x4, x4, x3\n eor x5, x5, x4\n"
#define MEM "ldr x1, [%1]\n add x1, x1, x2\n str x1, [%1, #8]\n ldr x3, [%1, #8]\n"
#define BR "add x1, x1, #1\n tst x1, #1\n b.eq 1f\n add x3, x3, #1\n1:\n"
#define LOOP_END "subs %0, %0, #1\n b.ne 0b\n"
#define CLOBBERS "x1", "x2", "x3", "x4", "x5", "cc", "memory"
#elif defined(__arm__)
#define ALU "add r1, r1, r2\n eor r3, r3, r1\n add r4, r4, r3\n eor r5, r5, r4\n"
#define MEM "ldr r1, [%1]\n add r1, r1, r2\n str r1, [%1, #4]\n ldr r3, [%1, #4]\n"
#define BR "add r1, r1, #1\n tst r1, #1\n beq 1f\n add r3, r3, #1\n1:\n"
#define LOOP_END "subs %0, %0, #1\n bne 0b\n"
#define CLOBBERS "r1", "r2", "r3", "r4", "r5", "cc", "memory"
#else
#error "ARM only (aarch64 or 32-bit ARM)"
#endif
#define TIMES25(x) x x x x x x x x x x x x x x x x x x x x x x x x x

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 2000000;
    if (n <= 0) {
        fprintf(stderr, "qemu-insn-rate: iterations must be positive\n");
        return 2;
    }
    long buf[4] = {0};
    long i;
    double t;
    /* 25 blocks of 4 instructions + the 2 of the loop end */
    i = n;
    t = cpu_seconds();
    __asm__ volatile("0:\n" TIMES25(ALU) LOOP_END : "+r"(i) : "r"(buf) : CLOBBERS);
    double alu = (cpu_seconds() - t) * 1e9 / (n * 102.0);
    i = n;
    t = cpu_seconds();
    __asm__ volatile("0:\n" TIMES25(MEM) LOOP_END : "+r"(i) : "r"(buf) : CLOBBERS);
    double mem = (cpu_seconds() - t) * 1e9 / (n * 102.0);
    /* The counter's parity alternates, so the branch skips one add every other block: 4.5 on average */
    i = n;
    t = cpu_seconds();
    __asm__ volatile("0:\n" TIMES25(BR) LOOP_END : "+r"(i) : "r"(buf) : CLOBBERS);
    double br = (cpu_seconds() - t) * 1e9 / (n * (25 * 4.5 + 2));
    printf("alu %.4f memory %.4f branch %.4f\n", alu, mem, br);
    return 0;
}
