package io.jnutcracker.lab;

/** The lab could not be set up (exit status 2): a tool missing, a port taken, a process that died. */
public final class LabException extends Exception {
    public LabException(String message) {
        super(message);
    }
}
