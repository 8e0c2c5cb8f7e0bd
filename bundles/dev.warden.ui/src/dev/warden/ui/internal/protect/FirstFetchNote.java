package dev.warden.ui.internal.protect;

import dev.warden.ui.internal.WardenServices;
import java.util.function.ToIntFunction;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.prefs.BackingStoreException;


/**
 * The note on the user's responsibility for fetched content, shown before the first URL is fetched in this
 * workspace. Once the user has gone ahead with Fetch it is not shown again; Cancel leaves it to be shown next time.
 */
public final class FirstFetchNote extends MessageDialog {

	private static final int FETCH = 0;

	public FirstFetchNote(Shell parent) {
		super(parent, ProtectMessages.UrlNote_title, null, ProtectMessages.UrlNote_message, INFORMATION, FETCH,
				ProtectMessages.UrlNote_fetch, IDialogConstants.CANCEL_LABEL);
	}

	/**
	 * Shows the note the first time a URL is about to be fetched.
	 *
	 * @return whether to go ahead with the fetch: {@code true} when the note was shown before or the user chose Fetch
	 */
	public static boolean confirmFirstFetch(Shell shell) {
		return confirmFirstFetch(shell, FirstFetchNote::open);
	}

	/**
	 * For tests: as {@link #confirmFirstFetch(Shell)}, with the note opened by {@code opener}, which returns the
	 * dialog's return code; the test opens it without blocking and presses its buttons.
	 */
	public static boolean confirmFirstFetch(Shell shell, ToIntFunction<FirstFetchNote> opener) {
		if (WardenServices.protection().urlNoteShown()) {
			return true;
		}
		if (opener.applyAsInt(new FirstFetchNote(shell)) != FETCH) {
			return false;
		}
		try {
			WardenServices.protection().setUrlNoteShown();
		} catch (BackingStoreException e) {
			ILog.of(FirstFetchNote.class).log(Status.warning(ProtectMessages.UrlNote_saveFailed, e));
		}
		return true;
	}

	/** For tests: the note as shown. */
	public String messageText() {
		return messageLabel.getText();
	}

	/** For tests: presses Fetch. */
	public void pressFetch() {
		buttonPressed(FETCH);
	}

	/** For tests: presses Cancel. */
	public void pressCancel() {
		buttonPressed(1);
	}
}
