package dev.warden.core.internal.tools;

import java.util.Optional;
import java.util.Set;

import dev.warden.core.tools.Capability;
import dev.warden.core.tools.FileEntry;
import dev.warden.core.tools.Grant;
import dev.warden.core.tools.ProposedChange;
import dev.warden.core.tools.ToolException;
import dev.warden.core.tools.ToolOutput;
import dev.warden.core.tools.WorkspaceFiles;

/** {@code delete_file}: proposes deleting one file. */
final class DeleteFileTool extends BaseTool {

	DeleteFileTool() {
		super("delete_file", "Delete one file (not a directory).", //$NON-NLS-1$ //$NON-NLS-2$
				"""
						{"type":"object","properties":{
						"path":{"type":"string","description":"File path relative to the workspace root"}
						},"required":["path"]}""", //$NON-NLS-1$
				Set.of(Capability.CHANGE_FILES));
	}

	@Override
	public ToolOutput execute(Grant grant) throws ToolException {
		WorkspaceFiles files = grant.files();
		String path = files.normalize(grant.arguments().string("path")); //$NON-NLS-1$
		Optional<FileEntry> entry = files.stat(path);
		if (entry.isEmpty()) {
			throw new ToolException("There is no file '" + path + "'."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (entry.get().directory()) {
			throw new ToolException("'" + path + "' is a directory; delete_file deletes single files."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		String old = files.readText(path);
		return FileChanges.outcome(grant.propose(new ProposedChange(path, old, null, "Delete " + path))); //$NON-NLS-1$
	}
}
