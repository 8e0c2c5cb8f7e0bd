package dev.warden.ui.tests.protect;

import dev.warden.ui.internal.WardenServices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import org.eclipse.core.resources.IProject;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.ui.internal.protect.ProjectTrustDialog;
import dev.warden.ui.tests.Screenshots;

/** The prompt that asks the user to trust projects before the agent acts in them. */
class ProjectTrustDialogTest {

	private IProject alpha;
	private IProject beta;
	private IProject gamma;

	@BeforeEach
	void createProjects() throws Exception {
		ProtectionTestSupport.resetSettings();
		alpha = ProtectionTestSupport.project("trust-alpha");
		beta = ProtectionTestSupport.project("trust-beta");
		gamma = ProtectionTestSupport.project("trust-gamma");
		WardenServices.trust().saveProjectText(beta, "mvn -B verify\nnpm test\n");
	}

	@AfterEach
	void deleteProjects() throws Exception {
		ProtectionTestSupport.delete(alpha, beta, gamma);
		ProtectionTestSupport.resetSettings();
	}

	private static Shell shell() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
	}

	/** Opens the dialog without blocking, lets {@code user} act on it, and returns its return code. */
	private static ToIntFunction<ProjectTrustDialog> opened(Consumer<ProjectTrustDialog> user) {
		return dialog -> {
			dialog.setBlockOnOpen(false);
			dialog.open();
			try {
				user.accept(dialog);
			} finally {
				if (dialog.getShell() != null) {
					dialog.close();
				}
			}
			return dialog.getReturnCode();
		};
	}

	@Test
	void trustTrustsTheTickedProjectsOnly() {
		List<IProject> trusted = ProjectTrustDialog.ask(shell(), List.of(alpha, beta, gamma), project -> false,
				opened(dialog -> {
					assertTrue(dialog.isTicked(alpha) && dialog.isTicked(beta) && dialog.isTicked(gamma),
							"local projects are ticked to begin with");
					dialog.tick(beta, false);
					screenshot(dialog, "project-trust");
					dialog.pressTrust();
				}));

		assertEquals(List.of(alpha, gamma), trusted);
		assertTrue(WardenServices.protection().isProjectTrusted("trust-alpha"));
		assertFalse(WardenServices.protection().isProjectTrusted("trust-beta"));
		assertTrue(WardenServices.protection().isProjectTrusted("trust-gamma"));
	}

	@Test
	void notNowTrustsNone() {
		List<IProject> trusted = ProjectTrustDialog.ask(shell(), List.of(alpha, beta), project -> false,
				opened(ProjectTrustDialog::pressNotNow));

		assertEquals(List.of(), trusted);
		assertFalse(WardenServices.protection().isProjectTrusted("trust-alpha"));
		assertFalse(WardenServices.protection().isProjectTrusted("trust-beta"));
	}

	@Test
	void trustCannotBePressedWithNoProjectTicked() {
		List<IProject> trusted = ProjectTrustDialog.ask(shell(), List.of(alpha), project -> false, opened(dialog -> {
			assertTrue(dialog.canTrust());
			dialog.tick(alpha, false);
			assertFalse(dialog.canTrust());
			dialog.pressNotNow();
		}));
		assertEquals(List.of(), trusted);
	}

	@Test
	void aRemoteProjectCarriesTheConnectionWarningAndIsNotTickedToBeginWith() {
		List<IProject> trusted = ProjectTrustDialog.ask(shell(), List.of(alpha, gamma), project -> project == gamma,
				opened(dialog -> {
					assertNull(dialog.remoteWarning(alpha));
					assertTrue(dialog.remoteWarning(gamma).contains("remote file system"), dialog.remoteWarning(gamma));
					assertTrue(dialog.remoteWarning(gamma).contains("A compromised remote machine"));
					assertTrue(dialog.isTicked(alpha));
					assertFalse(dialog.isTicked(gamma), "a remote project is trusted only when ticked on purpose");
					screenshot(dialog, "project-trust-remote");
					dialog.pressTrust();
				}));
		assertEquals(List.of(alpha), trusted);
		assertFalse(WardenServices.protection().isProjectTrusted("trust-gamma"));
	}

	@Test
	void nothingIsAskedWhenEveryProjectIsTrusted() {
		AtomicInteger opened = new AtomicInteger();
		List<IProject> trusted = ProjectTrustDialog.ask(shell(), List.of(), project -> false, dialog -> {
			opened.incrementAndGet();
			return 0;
		});
		assertEquals(List.of(), trusted);
		assertEquals(0, opened.get());
	}

	private static void screenshot(ProjectTrustDialog dialog, String name) {
		try {
			Screenshots.take(dialog.getShell(), name);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
