/*
 * Test reader: reads an EDF+ file back with Debian's EDFlib (libedf-dev), the reference C library,
 * so the Java writer is checked against an independent reader.
 *
 * usage: read_edfplus FILE.edf
 * Prints key=value lines: filetype, signals (ordinary ones), records, record_duration (100 ns
 * units), start, then one "signal=" line per ordinary signal (label|unit|samples per record|
 * samples in file|physical min|physical max), "annotations=N" and one "annotation=" line each
 * (onset in 100 ns|duration text|text), and for every group of three signals named "... X", "Y",
 * "Z" the median magnitude of the acceleration over the whole file ("median_magnitude=LABEL|g").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <edflib.h>

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.edf\n", argv[0]);
        return 2;
    }
    struct edf_hdr_struct hdr;
    if (edfopen_file_readonly(argv[1], &hdr, EDFLIB_READ_ALL_ANNOTATIONS) < 0) {
        fprintf(stderr, "edfopen_file_readonly failed: error %d\n", hdr.filetype);
        return 1;
    }
    int h = hdr.handle;
    printf("filetype=%d\n", hdr.filetype);
    printf("signals=%d\n", hdr.edfsignals);
    printf("records=%lld\n", hdr.datarecords_in_file);
    printf("record_duration=%lld\n", hdr.datarecord_duration);
    printf("start=%04d-%02d-%02dT%02d:%02d:%02d\n", hdr.startdate_year, hdr.startdate_month, hdr.startdate_day,
           hdr.starttime_hour, hdr.starttime_minute, hdr.starttime_second);
    printf("equipment=%s\n", hdr.equipment);
    for (int i = 0; i < hdr.edfsignals; i++) {
        printf("signal=%s|%s|%d|%lld|%g|%g\n", hdr.signalparam[i].label, hdr.signalparam[i].physdimension,
               hdr.signalparam[i].smp_in_datarecord, hdr.signalparam[i].smp_in_file, hdr.signalparam[i].phys_min,
               hdr.signalparam[i].phys_max);
    }
    printf("annotations=%lld\n", hdr.annotations_in_file);
    for (long long n = 0; n < hdr.annotations_in_file; n++) {
        struct edf_annotation_struct a;
        if (edf_get_annotation(h, (int)n, &a)) {
            fprintf(stderr, "edf_get_annotation %lld failed\n", n);
            return 1;
        }
        printf("annotation=%lld|%s|%s\n", a.onset, a.duration, a.annotation);
    }
    for (int s = 0; s + 2 < hdr.edfsignals; s += 3) {
        long long n = hdr.signalparam[s].smp_in_file;
        double *axis[3];
        for (int k = 0; k < 3; k++) {
            axis[k] = malloc(sizeof(double) * (n > 0 ? n : 1));
            edfseek(h, s + k, 0, EDFSEEK_SET);
            if (edfread_physical_samples(h, s + k, (int)n, axis[k]) != n) {
                fprintf(stderr, "edfread_physical_samples failed on signal %d\n", s + k);
                return 1;
            }
        }
        double *m = malloc(sizeof(double) * (n > 0 ? n : 1));
        long long kept = 0;
        for (long long i = 0; i < n; i++) {
            double v = sqrt(axis[0][i] * axis[0][i] + axis[1][i] * axis[1][i] + axis[2][i] * axis[2][i]);
            /* Samples written as 0 g where a leg had no data are not part of the physics. */
            if (v > 0.001) {
                m[kept++] = v;
            }
        }
        qsort(m, kept, sizeof(double), compare);
        char label[17];
        strncpy(label, hdr.signalparam[s].label, 16);
        label[16] = 0;
        for (int i = (int)strlen(label) - 1; i >= 0 && (label[i] == ' ' || label[i] == 'X'); i--) {
            label[i] = 0;
        }
        printf("median_magnitude=%s|%.6f|%lld\n", label, kept ? m[kept / 2] : 0.0, kept);
        for (int k = 0; k < 3; k++) {
            free(axis[k]);
        }
        free(m);
    }
    edfclose_file(h);
    return 0;
}
