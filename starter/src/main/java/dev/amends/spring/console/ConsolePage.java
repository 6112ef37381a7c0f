package dev.amends.spring.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose views are console pages. Every model of its handlers then holds what the
 * console's {@code head} and {@code nav} fragments need:
 *
 * <ul>
 *   <li>{@code user}: the logged-in person's name (null on the login page),
 *   <li>{@code sections}: the {@link ConsoleSection}s, amends' own and the service's, this person
 *       may read, in navigation order,
 *   <li>{@code section}: the one the request is in (the link marked {@code aria-current}), or null.
 * </ul>
 *
 * <p>An {@code ApiException} thrown by its handlers renders the console's problem page with the
 * exception's status, instead of the API's problem JSON.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConsolePage {}
