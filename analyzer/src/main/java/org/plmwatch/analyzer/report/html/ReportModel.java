package org.plmwatch.analyzer.report.html;

import java.util.List;

/**
 * The whole report page as one object: what the template writes, already computed.
 *
 * @param title      page title
 * @param generated  when and by what the report was made
 * @param inputs     the inputs read, one line each
 * @param disclaimer the "measurement, not a diagnosis" sentence
 * @param overview   the across-nights view; null for a single night
 * @param nights     one view per night, in time order
 */
public record ReportModel(String title, String generated, List<String> inputs, String disclaimer,
                          OverviewView overview, List<NightView> nights) {

    public ReportModel {
        inputs = List.copyOf(inputs);
        nights = List.copyOf(nights);
    }

    public boolean multiNight() {
        return overview != null;
    }
}
