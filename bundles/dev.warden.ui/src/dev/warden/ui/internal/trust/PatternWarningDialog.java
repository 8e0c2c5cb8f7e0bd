package dev.warden.ui.internal.trust;

import org.eclipse.jface.action.LegacyActionTools;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Shell;

import dev.warden.core.trust.PatternValidation;

/**
 * Asks the user to confirm a pattern that trusts more than it seems to: the universal {@code *} above all. Cancel
 * is the default button, so that pressing Enter never adds such a pattern. What the user confirmed goes to a
 * callback, so that the dialog can be opened without blocking.
 */
public final class PatternWarningDialog extends MessageDialog {

	private static final int CONFIRM = 0;
	private static final int CANCEL = 1;

	private final Runnable onConfirm;

	/**
	 * @param validation the check of a pattern that {@link PatternValidation#needsConfirmation() needs confirmation}
	 * @param onConfirm  runs when the user confirms
	 */
	public PatternWarningDialog(Shell parent, PatternValidation validation, Runnable onConfirm) {
		super(parent, validation.isUniversal() ? TrustMessages.Warning_universalTitle : TrustMessages.Warning_title,
				null, message(validation), WARNING, CANCEL,
				validation.isUniversal() ? TrustMessages.Warning_universalConfirm : TrustMessages.Warning_confirm,
				TrustMessages.Warning_cancel);
		this.onConfirm = onConfirm;
	}

	private static String message(PatternValidation validation) {
		String warning = validation.warning().orElse(""); //$NON-NLS-1$
		return validation.isUniversal() ? NLS.bind(TrustMessages.Warning_universalMessage, warning)
				: NLS.bind(TrustMessages.Warning_message, validation.line(), warning);
	}

	@Override
	protected void buttonPressed(int buttonId) {
		super.buttonPressed(buttonId);
		if (buttonId == CONFIRM) {
			onConfirm.run();
		}
	}

	/** For tests: presses the button that adds the pattern. */
	public void pressConfirm() {
		buttonPressed(CONFIRM);
	}

	/** For tests: presses Cancel. */
	public void pressCancel() {
		buttonPressed(CANCEL);
	}

	/** For tests: the label of the button Enter presses. */
	public String defaultButtonLabel() {
		Button button = getShell().getDefaultButton();
		return button == null ? "" : LegacyActionTools.removeMnemonics(button.getText()); //$NON-NLS-1$
	}
}
