/*
 * Test fixture writer: EDF+ files written by Debian's EDFlib (libedf-dev), the reference C
 * library, so the Java reader is checked against an independent writer.
 *
 * usage: write_edfplus OUT.edf ANNOTATIONS.tsv SECONDS
 * ANNOTATIONS.tsv: one annotation a line, "onset<TAB>duration<TAB>text", onset and duration in
 * units of 100 microseconds (EDFlib's resolution), duration -1 when there is none.
 * The file starts 2003-03-03 22:30:00 and holds one dummy 10-Hz signal (EDFlib needs one) of
 * SECONDS one-second data records: a 1-Hz sine of 100 uV.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <edflib.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s OUT.edf ANNOTATIONS.tsv SECONDS\n", argv[0]);
        return 2;
    }
    int seconds = atoi(argv[3]);
    int hdl = edfopen_file_writeonly(argv[1], EDFLIB_FILETYPE_EDFPLUS, 1);
    if (hdl < 0) {
        fprintf(stderr, "edfopen_file_writeonly failed: %d\n", hdl);
        return 1;
    }
    if (edf_set_samplefrequency(hdl, 0, 10) || edf_set_physical_maximum(hdl, 0, 1000.0)
        || edf_set_physical_minimum(hdl, 0, -1000.0) || edf_set_digital_maximum(hdl, 0, 32767)
        || edf_set_digital_minimum(hdl, 0, -32768) || edf_set_label(hdl, 0, "EMG Tib L")
        || edf_set_physical_dimension(hdl, 0, "uV")
        || edf_set_startdatetime(hdl, 2003, 3, 3, 22, 30, 0)) {
        fprintf(stderr, "setting signal parameters failed\n");
        return 1;
    }
    double buf[10];
    for (int s = 0; s < seconds; s++) {
        for (int i = 0; i < 10; i++) {
            buf[i] = 100.0 * sin(2 * M_PI * i / 10.0);
        }
        if (edfwrite_physical_samples(hdl, buf)) {
            fprintf(stderr, "edfwrite_physical_samples failed\n");
            return 1;
        }
    }
    FILE *in = fopen(argv[2], "r");
    if (!in) {
        perror(argv[2]);
        return 1;
    }
    long long onset, duration;
    char text[256];
    while (fscanf(in, "%lld\t%lld\t%255[^\n]\n", &onset, &duration, text) == 3) {
        if (edfwrite_annotation_utf8(hdl, onset, duration, text)) {
            fprintf(stderr, "edfwrite_annotation_utf8 failed at %lld\n", onset);
            return 1;
        }
    }
    fclose(in);
    if (edfclose_file(hdl)) {
        fprintf(stderr, "edfclose_file failed\n");
        return 1;
    }
    return 0;
}
