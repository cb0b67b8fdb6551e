package dev.sigil.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The Grizzly filters of this Payara instance's running network listeners, reached by reflection through Payara's
 * internal services (the path its own GrizzlyService takes), so that the WAR needs no server types to build or run
 * elsewhere. Any missing class or method surfaces as a ReflectiveOperationException.
 */
final class PayaraListeners {

    private static final Annotation[] NO_QUALIFIERS = new Annotation[0];

    private PayaraListeners() {
    }

    static List<Object> filters(ClassLoader server, Class<?> filterType) throws ReflectiveOperationException {
        Class<?> locatorType = type(server, "org.glassfish.hk2.api.ServiceLocator");
        Object locator = type(server, "org.glassfish.internal.api.Globals").getMethod("getDefaultHabitat").invoke(null);
        Method named = locatorType.getMethod("getService", Class.class, String.class, Annotation[].class);
        Method any = locatorType.getMethod("getService", Class.class, Annotation[].class);

        Class<?> configType = type(server, "com.sun.enterprise.config.serverbeans.Config");
        Object instanceName = type(server, "org.glassfish.api.admin.ServerEnvironment")
                .getField("DEFAULT_INSTANCE_NAME").get(null);
        Object config = named.invoke(locator, configType, instanceName, NO_QUALIFIERS);
        Object networkConfig = configType.getMethod("getNetworkConfig").invoke(config);
        Object listeners = type(server, "org.glassfish.grizzly.config.dom.NetworkConfig")
                .getMethod("getNetworkListeners").invoke(networkConfig);
        List<?> configured = (List<?>) type(server, "org.glassfish.grizzly.config.dom.NetworkListeners")
                .getMethod("getNetworkListener").invoke(listeners);

        Class<?> grizzlyServiceType = type(server, "com.sun.enterprise.v3.services.impl.GrizzlyService");
        Object grizzlyService = any.invoke(locator, grizzlyServiceType, NO_QUALIFIERS);
        Method lookup = grizzlyServiceType.getMethod("lookupNetworkProxy",
                type(server, "org.glassfish.grizzly.config.dom.NetworkListener"));
        Class<?> proxyType = type(server, "com.sun.enterprise.v3.services.impl.GrizzlyProxy");
        Class<?> listenerType = type(server, "org.glassfish.grizzly.config.GenericGrizzlyListener");
        Class<?> chainType = type(server, "org.glassfish.grizzly.filterchain.FilterChain");
        Method processor = type(server, "org.glassfish.grizzly.Transport").getMethod("getProcessor");
        // Also descends into port-unification sub-chains.
        Method collect = listenerType.getMethod("getFilters", Class.class, chainType, List.class);

        List<Object> found = new ArrayList<>();
        for (Object listenerConfig : configured) {
            Object proxy = lookup.invoke(grizzlyService, listenerConfig);
            if (!proxyType.isInstance(proxy)) {
                continue; // disabled, or not a Grizzly listener
            }
            Object listener = proxyType.getMethod("getUnderlyingListener").invoke(proxy);
            if (!listenerType.isInstance(listener)) {
                continue;
            }
            Object transport = listenerType.getMethod("getTransport").invoke(listener);
            Object chain = transport == null ? null : processor.invoke(transport);
            if (chainType.isInstance(chain)) {
                collect.invoke(null, filterType, chain, found);
            }
        }
        return found;
    }

    private static Class<?> type(ClassLoader server, String name) throws ClassNotFoundException {
        return Class.forName(name, true, server);
    }
}
