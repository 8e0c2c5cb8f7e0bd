package dev.warden.ui.internal.chat;

import dev.warden.ui.internal.WardenServices;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;

import dev.warden.core.agent.ModeService;

/** Switches between Autopilot and Supervised; the agent honours the new mode at its next action. */
public final class ToggleModeHandler extends AbstractHandler {

	@Override
	public Object execute(ExecutionEvent event) {
		ModeService modes = WardenServices.mode();
		modes.setMode(modes.getMode().toggled());
		return null;
	}
}
