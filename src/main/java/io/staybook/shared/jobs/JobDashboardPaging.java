package io.staybook.shared.jobs;

import io.staybook.shared.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The job dashboard's paging parameters ({@code /db-scheduler-api/tasks/**}: {@code pageNumber} from 0,
 * {@code size} from 1), checked before db-scheduler-ui reads them: it takes any integer, and a negative page was a 500
 * "Something went wrong on our side" (a list cut at a negative index). Now a 400 {@code validation_failed} naming the
 * field. A value that is no integer is refused by Spring's binding as before.
 */
class JobDashboardPaging implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		atLeast(request, "pageNumber", 0);
		atLeast(request, "size", 1);
		return true;
	}

	private static void atLeast(HttpServletRequest request, String name, int least) {
		String value = request.getParameter(name);
		if (value == null) {
			return;
		}
		try {
			if (Integer.parseInt(value.strip()) >= least) {
				return;
			}
		}
		catch (NumberFormatException ex) {
			return;
		}
		throw DomainException.invalidField(name, "must be at least " + least);
	}
}
