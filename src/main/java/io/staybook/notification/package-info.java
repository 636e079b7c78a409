/**
 * Mail to guests and hosts: rendered from templates and sent by a background job, so that a mail exists if and only if
 * the change that caused it committed, and an SMTP outage delays mail but loses none.
 */
package io.staybook.notification;
