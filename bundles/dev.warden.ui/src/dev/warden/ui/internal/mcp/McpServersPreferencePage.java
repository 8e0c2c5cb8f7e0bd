package dev.warden.ui.internal.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.agent.Approval;
import dev.warden.core.mcp.LaunchApprovals;
import dev.warden.core.mcp.McpException;
import dev.warden.core.mcp.McpLaunch;
import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.mcp.McpServerState;
import dev.warden.core.mcp.McpToolInfo;
import dev.warden.core.operations.Cancellation;
import dev.warden.ui.internal.UI;
import dev.warden.ui.internal.WardenServices;

/**
 * Window &gt; Preferences &gt; Warden &gt; MCP Servers: the workspace's servers (added, edited, removed; saved with OK
 * or Apply, the values of their variables in secure storage only), each server's state (running with its tools, or
 * failed with its error output) and a restart that asks for the start approval unless it was given before.
 */
public final class McpServersPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

	public static final String ID = "dev.warden.ui.preferences.mcp"; //$NON-NLS-1$

	private static final String ORIGIN = "workspace settings"; //$NON-NLS-1$

	private final List<McpServerConfig> servers = new ArrayList<>();
	/** The state last read of each server, by name. */
	private final Map<String, McpServerState> states = new ConcurrentHashMap<>();
	private final Set<String> starting = ConcurrentHashMap.newKeySet();
	private Table table;
	private Button edit;
	private Button remove;
	private Button restart;
	private Label stateTitle;
	private Text stateText;

	@Override
	public void init(IWorkbench workbench) {
		setDescription(McpMessages.ServersPage_description);
	}

	@Override
	protected Control createContents(Composite parent) {
		Composite contents = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(contents);

		table = new Table(contents, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
		table.setHeaderVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).hint(460, 120).applyTo(table);
		column(McpMessages.ServersPage_columnName, 110);
		column(McpMessages.ServersPage_columnCommand, 260);
		column(McpMessages.ServersPage_columnState, 90);
		table.addListener(SWT.Selection, e -> selectionChanged());
		table.addListener(SWT.DefaultSelection, e -> editSelected());

		Composite buttons = new Composite(contents, SWT.NONE);
		GridLayoutFactory.fillDefaults().applyTo(buttons);
		GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
		button(buttons, McpMessages.ServersPage_add, this::add);
		edit = button(buttons, McpMessages.ServersPage_edit, this::editSelected);
		remove = button(buttons, McpMessages.ServersPage_remove, this::removeSelected);
		restart = button(buttons, McpMessages.ServersPage_restart, this::restartSelected);

		stateTitle = new Label(contents, SWT.NONE);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(stateTitle);
		stateText = new Text(contents, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(460, 150).applyTo(stateText);

		Label notes = new Label(contents, SWT.WRAP);
		notes.setText(McpMessages.ServersPage_secretsNote + ' ' + McpMessages.ServersPage_projectServers);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(460, SWT.DEFAULT).applyTo(notes);

		servers.addAll(WardenServices.mcp().workspaceServers());
		showServers();
		if (!servers.isEmpty()) {
			table.select(0);
		}
		selectionChanged();
		refreshStates();
		return contents;
	}

	private void column(String text, int width) {
		TableColumn column = new TableColumn(table, SWT.NONE);
		column.setText(text);
		column.setWidth(width);
	}

	private static Button button(Composite parent, String text, Runnable action) {
		Button button = new Button(parent, SWT.PUSH);
		button.setText(text);
		button.addListener(SWT.Selection, e -> action.run());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(button);
		return button;
	}

	private void showServers() {
		int selected = table.getSelectionIndex();
		table.removeAll();
		for (McpServerConfig server : servers) {
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(new String[] { server.name(), server.commandLine(), stateLabel(server.name()) });
		}
		if (selected >= 0 && selected < servers.size()) {
			table.select(selected);
		}
	}

	private String stateLabel(String name) {
		if (starting.contains(name)) {
			return McpMessages.ServersPage_starting;
		}
		McpServerState state = states.get(name);
		if (state == null) {
			return ""; //$NON-NLS-1$
		}
		return switch (state.status()) {
		case RUNNING -> McpMessages.ServersPage_running;
		case FAILED -> McpMessages.ServersPage_failed;
		case STOPPED -> McpMessages.ServersPage_stopped;
		};
	}

	private McpServerConfig selected() {
		int index = table.getSelectionIndex();
		return index < 0 || index >= servers.size() ? null : servers.get(index);
	}

	private void selectionChanged() {
		McpServerConfig server = selected();
		edit.setEnabled(server != null);
		remove.setEnabled(server != null);
		restart.setEnabled(server != null && !starting.contains(server.name()));
		showState();
	}

	private void showState() {
		McpServerConfig server = selected();
		if (server == null) {
			stateTitle.setText(""); //$NON-NLS-1$
			stateText.setText(McpMessages.ServersPage_noSelection);
			return;
		}
		stateTitle.setText(UI.literal(NLS.bind(McpMessages.ServersPage_stateOf, server.name())));
		StringBuilder text = new StringBuilder(stateLabel(server.name()));
		McpServerState state = states.get(server.name());
		if (state != null && !state.detail().isBlank()) {
			text.append(": ").append(state.detail()); //$NON-NLS-1$
		}
		text.append('\n').append(names(server));
		if (state != null && !state.tools().isEmpty()) {
			text.append("\n\n").append(NLS.bind(McpMessages.ServersPage_tools, state.tools().size())); //$NON-NLS-1$
			for (McpToolInfo tool : state.tools()) {
				text.append("\n  ").append(tool.name()); //$NON-NLS-1$
				if (tool.destructiveHint() || tool.readOnlyHint()) {
					text.append(NLS.bind(McpMessages.ServersPage_toolHints, tool.destructiveHint()
							? McpMessages.ServersPage_destructive : McpMessages.ServersPage_readOnly));
				}
				String description = tool.description().strip().replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$
				if (!description.isEmpty()) {
					text.append(" \u2014 ").append(description.length() > 120 ? description.substring(0, 119) + '\u2026' //$NON-NLS-1$
							: description);
				}
			}
		}
		stateText.setText(text.toString());
	}

	/** The names (never the values) of a server's variables, or of an HTTP server's headers. */
	private static String names(McpServerConfig server) {
		if (server.isHttp()) {
			return server.headerNames().isEmpty() ? McpMessages.ServersPage_noHeaders
					: NLS.bind(McpMessages.ServersPage_headers, String.join(", ", server.headerNames())); //$NON-NLS-1$
		}
		return server.environmentNames().isEmpty() ? McpMessages.ServersPage_noVariables
				: NLS.bind(McpMessages.ServersPage_variables, String.join(", ", server.environmentNames())); //$NON-NLS-1$
	}

	/** Reads every server's state off the UI thread (a running server is asked for its tools), then shows it. */
	private void refreshStates() {
		List<String> names = servers.stream().map(McpServerConfig::name).toList();
		CompletableFuture.runAsync(() -> names.forEach(name -> states.put(name, WardenServices.mcpServers().state(name))))
				.whenComplete((done, failure) -> UI.runOnUIThread(table, () -> {
					showServers();
					selectionChanged();
				}));
	}

	private Set<String> namesBut(McpServerConfig except) {
		Set<String> names = new TreeSet<>();
		servers.stream().filter(s -> s != except).forEach(s -> names.add(s.name()));
		return names;
	}

	private void add() {
		McpServerDialog dialog = new McpServerDialog(getShell(), null, namesBut(null));
		if (dialog.open() == Window.OK) {
			servers.add(dialog.result());
			showServers();
			table.select(servers.size() - 1);
			selectionChanged();
		}
	}

	private void editSelected() {
		McpServerConfig server = selected();
		if (server == null) {
			return;
		}
		McpServerDialog dialog = new McpServerDialog(getShell(), server, namesBut(server));
		if (dialog.open() == Window.OK) {
			servers.set(servers.indexOf(server), dialog.result());
			showServers();
			selectionChanged();
		}
	}

	private void removeSelected() {
		McpServerConfig server = selected();
		if (server != null) {
			servers.remove(server);
			showServers();
			selectionChanged();
		}
	}

	/**
	 * Stops the selected server if it runs and starts it again as configured on the page, in a job; the start
	 * approval is asked for here unless this exact launch was approved before.
	 */
	private void restartSelected() {
		McpServerConfig server = selected();
		if (server == null) {
			return;
		}
		starting.add(server.name());
		showServers();
		selectionChanged();
		Job job = Job.create(NLS.bind(McpMessages.ServersPage_restartJob, server.name()), (IProgressMonitor monitor) -> {
			Cancellation cancellation = new Cancellation();
			try {
				WardenServices.mcpServers().restart(new McpLaunch(server, ORIGIN), this::askToStart,
						WardenServices.state().auditLog(null), cancellation);
			} catch (McpException e) {
				// the state shows the failure or the rejection; the audit trail has it too
			} finally {
				states.put(server.name(), WardenServices.mcpServers().state(server.name()));
				starting.remove(server.name());
				UI.runOnUIThread(table, () -> {
					showServers();
					selectionChanged();
				});
			}
			return Status.OK_STATUS;
		});
		job.setUser(false);
		job.schedule();
	}

	/** The start approval, asked on the page: the exact command line and the names of the variables. */
	private CompletableFuture<Approval> askToStart(McpLaunch launch) {
		CompletableFuture<Approval> answer = new CompletableFuture<>();
		McpServerConfig config = launch.config();
		UI.runOnUIThread(() -> {
			if (table.isDisposed()) {
				answer.complete(Approval.reject(McpMessages.LaunchDialog_rejected));
				return;
			}
			boolean yes = MessageDialog.openQuestion(getShell(), McpMessages.LaunchDialog_title,
					NLS.bind(config.isHttp() ? McpMessages.LaunchDialog_httpMessage : McpMessages.LaunchDialog_message,
							new Object[] { config.name(), config.commandLine(), names(config) }));
			answer.complete(yes ? Approval.approve() : Approval.reject(McpMessages.LaunchDialog_rejected));
		});
		return answer;
	}

	@Override
	public boolean performOk() {
		try {
			WardenServices.mcp().saveWorkspaceServers(List.copyOf(servers));
			setErrorMessage(null);
			return true;
		} catch (BackingStoreException e) {
			setErrorMessage(NLS.bind(McpMessages.ServersPage_saveFailed, e.getMessage()));
			return false;
		}
	}

	@Override
	protected void performDefaults() {
		servers.clear();
		showServers();
		selectionChanged();
		super.performDefaults();
	}

	/** For tests: adds a server as the Add dialog would. */
	public void addServer(McpServerConfig server) {
		servers.add(server);
		showServers();
		table.select(servers.size() - 1);
		selectionChanged();
	}

	/** For tests: opens the Add dialog, types into it and presses OK. */
	public McpServerConfig addThroughDialog(String name, String command, List<String> args, String variables) {
		McpServerDialog dialog = new McpServerDialog(getShell(), null, namesBut(null));
		dialog.setBlockOnOpen(false);
		dialog.open();
		dialog.fill(name, command, args, variables);
		dialog.okPressedForTest();
		boolean closed = dialog.getShell() == null;
		McpServerConfig result = closed ? dialog.result() : null;
		if (!closed) {
			dialog.close();
		}
		if (result != null) {
			servers.add(result);
			showServers();
			table.select(servers.size() - 1);
			selectionChanged();
		}
		return result;
	}

	/** For tests: opens the Add dialog, types an HTTP server into it and presses OK. */
	public McpServerConfig addHttpThroughDialog(String name, String url, String headers) {
		McpServerDialog dialog = new McpServerDialog(getShell(), null, namesBut(null));
		dialog.setBlockOnOpen(false);
		dialog.open();
		dialog.fillHttp(name, url, headers);
		dialog.okPressedForTest();
		boolean closed = dialog.getShell() == null;
		McpServerConfig result = closed ? dialog.result() : null;
		if (!closed) {
			dialog.close();
		}
		if (result != null) {
			addServer(result);
		}
		return result;
	}

	/** For tests: selects the server named {@code name}. */
	public void select(String name) {
		for (int i = 0; i < servers.size(); i++) {
			if (servers.get(i).name().equals(name)) {
				table.select(i);
			}
		}
		selectionChanged();
	}

	/** For tests: presses Restart. */
	public void pressRestart() {
		restartSelected();
	}

	/** For tests: presses Remove. */
	public void pressRemove() {
		removeSelected();
	}

	/** For tests: the state shown of the selected server. */
	public String stateText() {
		return stateText.getText();
	}

	/** For tests: the rows of the table, name and state. */
	public List<String> rows() {
		List<String> rows = new ArrayList<>();
		for (TableItem item : table.getItems()) {
			rows.add(item.getText(0) + ' ' + item.getText(2));
		}
		return rows;
	}

	/** For tests: whether a start is under way. */
	public boolean isStarting() {
		return !starting.isEmpty();
	}
}
