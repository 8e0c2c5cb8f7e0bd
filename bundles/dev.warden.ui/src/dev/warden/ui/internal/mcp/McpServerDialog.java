package dev.warden.ui.internal.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import dev.warden.core.mcp.McpServerConfig;

/**
 * Adds or edits one MCP server over stdio: name, command, arguments (one a line) and variables ({@code NAME=value},
 * one a line). The values of an existing server's variables are not shown: they read {@link #STORED}, which keeps the
 * value in secure storage.
 */
final class McpServerDialog extends TitleAreaDialog {

	/** What an existing variable's value reads as in the dialog; kept as it is when left so. */
	static final String STORED = "<stored>"; //$NON-NLS-1$

	private static final Pattern VARIABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)"); //$NON-NLS-1$

	private static final Pattern HEADER = Pattern.compile("([^:\\s]+):\\s*(.*)"); //$NON-NLS-1$

	private final McpServerConfig original;
	private final Set<String> otherNames;
	private Text name;
	private Text command;
	private Text arguments;
	private Text environment;
	private Text url;
	private Text headers;
	private McpServerConfig result;

	/**
	 * @param original   the server to edit, or {@code null} to add one
	 * @param otherNames the names of the other servers, which this one may not take
	 */
	McpServerDialog(Shell parent, McpServerConfig original, Set<String> otherNames) {
		super(parent);
		this.original = original;
		this.otherNames = otherNames;
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		getShell().setText(original == null ? McpMessages.ServerDialog_titleAdd : McpMessages.ServerDialog_titleEdit);
		setTitle(original == null ? McpMessages.ServerDialog_titleAdd : McpMessages.ServerDialog_titleEdit);
		setMessage(McpMessages.ServerDialog_message);
		Composite contents = new Composite(area, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(contents);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(contents);
		name = field(contents, McpMessages.ServerDialog_name, SWT.BORDER);
		command = field(contents, McpMessages.ServerDialog_command, SWT.BORDER);
		arguments = field(contents, McpMessages.ServerDialog_arguments, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
		arguments.setMessage(McpMessages.ServerDialog_argumentsHint);
		GridDataFactory.fillDefaults().grab(true, true).hint(420, 90).applyTo(arguments);
		environment = field(contents, McpMessages.ServerDialog_environment, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
		GridDataFactory.fillDefaults().grab(true, true).hint(420, 60).applyTo(environment);
		new Label(contents, SWT.NONE);
		Label hint = new Label(contents, SWT.WRAP);
		hint.setText(NLS.bind(McpMessages.ServerDialog_environmentHint, STORED));
		GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(hint);
		url = field(contents, McpMessages.ServerDialog_url, SWT.BORDER);
		url.setMessage(McpMessages.ServerDialog_urlHint);
		headers = field(contents, McpMessages.ServerDialog_headers, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
		GridDataFactory.fillDefaults().grab(true, true).hint(420, 40).applyTo(headers);
		if (original != null && original.isHttp()) {
			name.setText(original.name());
			url.setText(original.url());
			StringBuilder lines = new StringBuilder();
			original.headerNames().forEach(n -> lines.append(n).append(": ").append(STORED).append('\n')); //$NON-NLS-1$
			headers.setText(lines.toString().strip());
		} else if (original != null) {
			name.setText(original.name());
			command.setText(original.command());
			arguments.setText(String.join("\n", original.arguments())); //$NON-NLS-1$
			StringBuilder variables = new StringBuilder();
			original.environmentNames().forEach(n -> variables.append(n).append('=').append(STORED).append('\n'));
			environment.setText(variables.toString().strip());
		}
		for (Text text : List.of(name, command, arguments, environment, url, headers)) {
			text.addListener(SWT.Modify, e -> validate());
		}
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		validate();
	}

	private static Text field(Composite parent, String label, int style) {
		Label caption = new Label(parent, SWT.NONE);
		caption.setText(label);
		GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(caption);
		Text text = new Text(parent, style);
		GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(text);
		return text;
	}

	private void validate() {
		Optional<String> problem;
		try {
			result = read();
			problem = otherNames.contains(result.name())
					? Optional.of(NLS.bind(McpMessages.ServerDialog_duplicateName, result.name()))
					: Optional.empty();
		} catch (IllegalArgumentException e) {
			result = null;
			problem = Optional.of(e.getMessage());
		}
		setErrorMessage(problem.orElse(null));
		if (getButton(IDialogConstants.OK_ID) != null) {
			getButton(IDialogConstants.OK_ID).setEnabled(problem.isEmpty());
		}
	}

	/** @throws IllegalArgumentException saying what is wrong with what was typed */
	private McpServerConfig read() {
		List<String> args = new ArrayList<>();
		for (String line : arguments.getText().split("\\R")) { //$NON-NLS-1$
			if (!line.isEmpty()) {
				args.add(line);
			}
		}
		Map<String, String> variables = new LinkedHashMap<>();
		String[] lines = environment.getText().split("\\R"); //$NON-NLS-1$
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty()) {
				continue;
			}
			var matcher = VARIABLE.matcher(line);
			if (!matcher.matches()) {
				throw new IllegalArgumentException(NLS.bind(McpMessages.ServerDialog_badVariable, i + 1));
			}
			String value = matcher.group(2);
			if (STORED.equals(value) && original != null && original.environment().containsKey(matcher.group(1))) {
				value = original.environment().get(matcher.group(1));
			}
			variables.put(matcher.group(1), value);
		}
		Map<String, String> sent = new LinkedHashMap<>();
		String[] headerLines = headers.getText().split("\\R"); //$NON-NLS-1$
		for (int i = 0; i < headerLines.length; i++) {
			String line = headerLines[i].strip();
			if (line.isEmpty()) {
				continue;
			}
			var matcher = HEADER.matcher(line);
			if (!matcher.matches()) {
				throw new IllegalArgumentException(NLS.bind(McpMessages.ServerDialog_badHeader, i + 1));
			}
			String value = matcher.group(2);
			if (STORED.equals(value) && original != null && original.headers().containsKey(matcher.group(1))) {
				value = original.headers().get(matcher.group(1));
			}
			sent.put(matcher.group(1), value);
		}
		return new McpServerConfig(name.getText().strip(), command.getText().strip(), args, variables,
				url.getText().strip(), sent);
	}

	@Override
	protected void okPressed() {
		validate();
		if (result != null && getErrorMessage() == null) {
			super.okPressed();
		}
	}

	/** @return the server as entered, after OK */
	McpServerConfig result() {
		return result;
	}

	/** For tests: types into the fields as a person would. */
	void fillHttp(String serverName, String address, String headerLines) {
		name.setText(serverName);
		url.setText(address);
		headers.setText(headerLines);
	}

	void fill(String serverName, String program, List<String> args, String variables) {
		name.setText(serverName);
		command.setText(program);
		arguments.setText(String.join("\n", args)); //$NON-NLS-1$
		environment.setText(variables);
	}

	/** For tests: presses OK (closes only when what was typed is valid). */
	void okPressedForTest() {
		okPressed();
	}
}
