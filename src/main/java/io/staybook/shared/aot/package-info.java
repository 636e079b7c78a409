/**
 * Spring's AOT processing made safe to ship: the settings the build's conditions read are recorded in the jar, and a
 * start whose settings differ runs without the AOT-generated code instead of ignoring them.
 */
package io.staybook.shared.aot;
