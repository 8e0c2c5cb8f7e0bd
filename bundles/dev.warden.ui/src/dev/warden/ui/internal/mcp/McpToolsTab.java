package dev.warden.ui.internal.mcp;

import java.util.Optional;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.mcp.McpTrust;
import dev.warden.ui.internal.WardenServices;

/**
 * The Tools tab of Trusted Commands: the MCP tools that run without asking, {@code server/tool} or {@code server/*}
 * one a line, as Always Trust on the chat's MCP card saves them. A malformed line is named and nothing is saved.
 */
public final class McpToolsTab {

	private final Composite control;
	private final Text entries;
	private final Label problem;
	private final Runnable changed;

	/** @param changed called when the text changed (the page checks {@link #problem()} then) */
	public McpToolsTab(Composite parent, Runnable changed) {
		this.changed = changed;
		control = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().applyTo(control);
		Label explanation = new Label(control, SWT.WRAP);
		explanation.setText(McpMessages.ToolsTab_explanation);
		GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(explanation);
		entries = new Text(control, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
		GridDataFactory.fillDefaults().grab(true, true).hint(400, 120).applyTo(entries);
		entries.setText(WardenServices.mcp().trustText());
		problem = new Label(control, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(problem);
		entries.addListener(SWT.Modify, e -> check());
	}

	public Control control() {
		return control;
	}

	private void check() {
		problem.setText(problem().orElse("")); //$NON-NLS-1$
		control.layout(true, true);
		changed.run();
	}

	/** @return what is wrong with the text, or empty when it can be saved */
	public Optional<String> problem() {
		try {
			McpTrust.parse(entries.getText());
			return Optional.empty();
		} catch (IllegalArgumentException e) {
			return Optional.of(e.getMessage());
		}
	}

	/** Saves the entries when they changed. */
	public void save() throws BackingStoreException {
		String text = entries.getText().replace("\r\n", "\n"); //$NON-NLS-1$ //$NON-NLS-2$
		if (!text.equals(WardenServices.mcp().trustText())) {
			WardenServices.mcp().saveTrustText(text);
		}
	}

	/** Restore Defaults: nothing trusted. */
	public void clear() {
		entries.setText(""); //$NON-NLS-1$
	}

	/** For tests: the text as shown. */
	public String text() {
		return entries.getText();
	}

	/** For tests: types {@code text}. */
	public void setText(String text) {
		entries.setText(text);
	}
}
