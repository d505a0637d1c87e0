package org.plmwatch.analyzer.link;

import org.plmwatch.core.link.ErrorCode;

/** The device answered a request with ERROR. */
public final class DeviceErrorException extends LinkException {

    private final ErrorCode code;

    public DeviceErrorException(ErrorCode code, String text) {
        super("the device refused (" + code + "): " + text);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
