package dev.warden.ui.tests.protect;

import dev.warden.ui.internal.WardenServices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.ui.internal.protect.FirstFetchNote;
import dev.warden.ui.tests.Screenshots;

/** The note on the user's responsibility for fetched content, before the first URL is fetched. */
class FirstFetchNoteTest {

	private final AtomicInteger shown = new AtomicInteger();

	@BeforeEach
	@AfterEach
	void reset() {
		ProtectionTestSupport.resetSettings();
	}

	private static Shell shell() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
	}

	private ToIntFunction<FirstFetchNote> opened(Consumer<FirstFetchNote> user) {
		return note -> {
			shown.incrementAndGet();
			note.setBlockOnOpen(false);
			note.open();
			try {
				user.accept(note);
			} finally {
				if (note.getShell() != null) {
					note.close();
				}
			}
			return note.getReturnCode();
		};
	}

	@Test
	void theNoteIsShownBeforeTheFirstFetchOnly() {
		assertTrue(FirstFetchNote.confirmFirstFetch(shell(), opened(note -> {
			try {
				Screenshots.take(note.getShell(), "first-url-note");
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			assertTrue(note.messageText().contains("You are responsible for the URL content that you fetch"));
			note.pressFetch();
		})));
		assertTrue(WardenServices.protection().urlNoteShown());

		assertTrue(FirstFetchNote.confirmFirstFetch(shell(), opened(FirstFetchNote::pressCancel)),
				"the second fetch goes ahead without asking");
		assertEquals(1, shown.get(), "the note was shown once");
	}

	@Test
	void cancellingTheNoteStopsTheFetchAndItIsShownAgainNextTime() {
		assertFalse(FirstFetchNote.confirmFirstFetch(shell(), opened(FirstFetchNote::pressCancel)));
		assertFalse(WardenServices.protection().urlNoteShown());
		assertTrue(FirstFetchNote.confirmFirstFetch(shell(), opened(FirstFetchNote::pressFetch)));
		assertEquals(2, shown.get());
	}
}
