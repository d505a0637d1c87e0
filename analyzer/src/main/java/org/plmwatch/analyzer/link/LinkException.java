package org.plmwatch.analyzer.link;

import java.io.IOException;

/** The link failed: no device answers, the port is gone, or the device refused. The message says what to do. */
public class LinkException extends IOException {

    public LinkException(String message) {
        super(message);
    }

    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
