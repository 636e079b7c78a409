package io.staybook.user;

import io.staybook.shared.DomainException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Login, token refresh and logout. */
@Service
public class AuthService {

	private final Users users;

	private final Sessions sessions;

	private final PasswordEncoder passwords;

	private final LoginThrottle throttle;

	/** Checked against when the email is unknown, so that both failures take as long as each other. */
	private final String decoyHash;

	AuthService(Users users, Sessions sessions, PasswordEncoder passwords, LoginThrottle throttle) {
		this.users = users;
		this.sessions = sessions;
		this.passwords = passwords;
		this.throttle = throttle;
		this.decoyHash = passwords.encode("decoy password, never used");
	}

	/** A wrong email and a wrong password give the same answer, in about the same time. */
	@Transactional
	public TokenPair login(String email, String password) {
		throttle.blockedFor(email).ifPresent(wait -> {
			throw DomainException.tooManyRequests("too_many_login_attempts",
					"Too many failed logins for this email; try again later.", wait);
		});
		User user = users.findByEmail(email.strip()).orElse(null);
		boolean matches = passwords.matches(password, user != null ? user.passwordHash() : decoyHash);
		if (user == null || !matches) {
			throttle.recordFailure(email);
			throw DomainException.unauthorized("invalid_credentials", "The email or password is wrong.");
		}
		throttle.reset(email);
		return sessions.open(user);
	}

	/** Rotates the refresh token. A reused token revokes its family, and that revocation is committed. */
	@Transactional(noRollbackFor = DomainException.class)
	public TokenPair refresh(String refreshToken) {
		RefreshToken used = sessions.redeem(refreshToken);
		User user = users.findActive(used.userId()).orElseThrow(Sessions::invalid);
		return sessions.rotate(user, used.familyId());
	}

	@Transactional
	public void logout(String refreshToken) {
		sessions.close(refreshToken);
	}
}
