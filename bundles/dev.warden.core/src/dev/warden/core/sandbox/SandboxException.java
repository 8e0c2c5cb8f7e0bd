package dev.warden.core.sandbox;

/** A sandbox could not be set up here, or failed while being set up; the message says why in plain words. */
public class SandboxException extends Exception {

	private static final long serialVersionUID = 1L;

	public SandboxException(String message) {
		super(message);
	}

	public SandboxException(String message, Throwable cause) {
		super(message, cause);
	}
}
