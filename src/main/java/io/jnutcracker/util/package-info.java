/** The few things every layer shares: the injected {@link io.jnutcracker.util.Clock}. */
package io.jnutcracker.util;
