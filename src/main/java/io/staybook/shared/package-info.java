/**
 * What every module shares: identifiers, errors and their translation to HTTP, paging, security and database setup.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.staybook.shared;

import org.springframework.modulith.ApplicationModule;
