package dev.warden.core.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ModeService;
import dev.warden.core.internal.agent.PreferenceModeService;

/** The mode service as the running platform provides it: a Declarative Services component over real preferences. */
class PreferenceModeServiceTest {

	private BundleContext context;
	private ServiceReference<ModeService> reference;
	private ModeService modes;

	@BeforeEach
	void getService() throws Exception {
		context = FrameworkUtil.getBundle(PreferenceModeService.class).getBundleContext();
		if (context == null) {
			FrameworkUtil.getBundle(PreferenceModeService.class).start();
			context = FrameworkUtil.getBundle(PreferenceModeService.class).getBundleContext();
		}
		reference = context.getServiceReference(ModeService.class);
		assertNotNull(reference, "the ModeService component is registered");
		modes = context.getService(reference);
		InstanceScope.INSTANCE.getNode(PreferenceModeService.QUALIFIER).remove(PreferenceModeService.KEY);
	}

	@AfterEach
	void release() {
		InstanceScope.INSTANCE.getNode(PreferenceModeService.QUALIFIER).remove(PreferenceModeService.KEY);
		context.ungetService(reference);
	}

	@Test
	void newWorkspaceStartsInAutopilot() {
		assertEquals(Mode.AUTOPILOT, modes.getMode());
	}

	@Test
	void modeIsStoredInTheWorkspacePreferences() {
		modes.setMode(Mode.SUPERVISED);
		assertEquals("SUPERVISED",
				InstanceScope.INSTANCE.getNode(PreferenceModeService.QUALIFIER).get(PreferenceModeService.KEY, null));
		assertEquals(Mode.SUPERVISED, modes.getMode());
	}

	@Test
	void listenersHearChangesMadeDirectlyInThePreferences() {
		List<Mode> heard = new CopyOnWriteArrayList<>();
		try (ModeService.Registration registration = modes.addListener(heard::add)) {
			InstanceScope.INSTANCE.getNode(PreferenceModeService.QUALIFIER).put(PreferenceModeService.KEY, "SUPERVISED");
			modes.setMode(Mode.AUTOPILOT);
		}
		modes.setMode(Mode.SUPERVISED);
		assertEquals(List.of(Mode.SUPERVISED, Mode.AUTOPILOT), heard, "heard both changes, and nothing after removal");
	}
}
