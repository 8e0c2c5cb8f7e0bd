package dev.warden.ui.internal.chat;

import java.text.NumberFormat;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import dev.warden.core.agent.InstructionFile;
import dev.warden.core.trust.Acceptance;
import dev.warden.ui.internal.UI;

/**
 * Shows a project's {@code AGENTS.md} exactly as the model would get it, with its size in tokens, and asks whether
 * it may count. Accepting records this content only; any later change asks again.
 */
public final class InstructionReviewDialog extends Dialog {

	private final InstructionFile file;
	private final Acceptance state;
	private Label intro;
	private Text content;

	public InstructionReviewDialog(Shell parent, InstructionFile file, Acceptance state) {
		super(parent);
		this.file = file;
		this.state = state;
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(ChatMessages.Instructions_reviewTitle);
		shell.setData(this);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		GridLayoutFactory.swtDefaults().applyTo(area);
		String scope = file.folder().isEmpty() ? NLS.bind(ChatMessages.Instructions_scopeProject, file.project())
				: NLS.bind(ChatMessages.Instructions_scopeFolder, file.project() + '/' + file.folder());
		intro = new Label(area, SWT.WRAP);
		intro.setText(UI.literal(NLS.bind(state == Acceptance.CHANGED ? ChatMessages.Instructions_reviewChanged
				: ChatMessages.Instructions_reviewNew, new Object[] { file.label(), scope,
						NumberFormat.getIntegerInstance().format(file.tokens()) })));
		GridDataFactory.fillDefaults().grab(true, false).hint(560, SWT.DEFAULT).applyTo(intro);
		content = new Text(area, SWT.READ_ONLY | SWT.MULTI | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
		content.setFont(JFaceResources.getTextFont());
		content.setText(file.content());
		GridDataFactory.fillDefaults().grab(true, true).hint(560, 280).applyTo(content);
		Label note = new Label(area, SWT.WRAP);
		note.setText(ChatMessages.Instructions_reviewNote);
		GridDataFactory.fillDefaults().grab(true, false).hint(560, SWT.DEFAULT).applyTo(note);
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, ChatMessages.Instructions_accept, false);
		createButton(parent, IDialogConstants.CANCEL_ID, ChatMessages.Instructions_notNow, true);
	}

	/** The file the dialog asks about. */
	public InstructionFile file() {
		return file;
	}

	/** For tests: the content shown, exactly as it would be sent. */
	public String shownContent() {
		return content.getText();
	}

	/** For tests: the explanation above the content (it names the file, its scope and its tokens). */
	public String introText() {
		return intro.getText().replace("&&", "&"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	public void pressAccept() {
		okPressed();
	}

	public void pressNotNow() {
		cancelPressed();
	}
}
