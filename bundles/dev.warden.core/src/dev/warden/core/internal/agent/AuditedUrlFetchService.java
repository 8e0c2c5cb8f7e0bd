package dev.warden.core.internal.agent;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.warden.core.agent.WorkspaceState;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.protect.FetchException;
import dev.warden.core.protect.FetchLimits;
import dev.warden.core.protect.FetchedContent;
import dev.warden.core.protect.SafeFetcher;
import dev.warden.core.protect.UrlFetchService;
import dev.warden.core.settings.ProtectionSettings;

/** Fetches what the user pasted with the URL policy in force at that moment, and audits it. */
@Component(service = UrlFetchService.class)
public final class AuditedUrlFetchService implements UrlFetchService {

	@Reference
	private ProtectionSettings protection;
	@Reference
	private WorkspaceState state;

	@Override
	public FetchedContent fetchForUser(String url, String sessionId) throws FetchException {
		AuditLog audit = state.auditLog(sessionId);
		try {
			FetchedContent content = new SafeFetcher(protection.urlPolicy(), FetchLimits.DEFAULT).fetch(url);
			audit.record(AuditEvent.of("url.fetch", url, "ALLOWED", //$NON-NLS-1$ //$NON-NLS-2$
					"pasted by the user; connected to " + content.address().getHostAddress(), "user")); //$NON-NLS-1$ //$NON-NLS-2$
			return content;
		} catch (FetchException e) {
			audit.record(AuditEvent.of("url.fetch", url, "REFUSED", e.getMessage(), "user")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			throw e;
		}
	}
}
