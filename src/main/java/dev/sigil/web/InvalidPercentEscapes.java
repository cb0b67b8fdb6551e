package dev.sigil.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers a request path with a broken percent-escape ({@code /api/%ZZ}, {@code /api/%}) with a 400 problem
 * document. Payara decodes the path before any application code runs and does not handle the
 * IllegalArgumentException that Grizzly's decoder throws for it (payara/Payara#8000): the client got a 200 with an
 * empty body and the log a SEVERE stack trace. No setting reaches that code, so on Payara this listener puts a probe
 * on the HTTP parser of each listener that, once a request's header is parsed, sends such a request to
 * {@link ErrorPageServlet#INVALID_PATH} instead. On any other container this does nothing.
 */
@WebListener
public class InvalidPercentEscapes implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(InvalidPercentEscapes.class.getName());
    private static final String HTTP_PROBE = "org.glassfish.grizzly.http.HttpProbe";
    private static final String HTTP_CODEC = "org.glassfish.grizzly.http.HttpServerFilter";
    private static final String REQUEST = "org.glassfish.grizzly.http.HttpRequestPacket";
    private static final String MONITORING = "org.glassfish.grizzly.monitoring.MonitoringConfig";

    private final List<Object> probedConfigs = new ArrayList<>();
    private Object probes;
    private Method removeProbes;

    /** True when some {@code %} in {@code path} is not followed by two hexadecimal digits (RFC 3986 §2.1). */
    static boolean malformed(String path) {
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || !hex(path.charAt(i + 1)) || !hex(path.charAt(i + 2))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ClassLoader server = event.getServletContext().getClass().getClassLoader();
        String target = event.getServletContext().getContextPath() + ErrorPageServlet.INVALID_PATH;
        try {
            Class<?> probeType = Class.forName(HTTP_PROBE, true, server);
            Class<?> requestType = Class.forName(REQUEST, true, server);
            probes = Array.newInstance(probeType, 1);
            Array.set(probes, 0, Proxy.newProxyInstance(server, new Class<?>[] {probeType},
                    new Redirect(requestType, target)));
            Class<?> codecType = Class.forName(HTTP_CODEC, true, server);
            Class<?> monitoring = Class.forName(MONITORING, true, server);
            Method addProbes = monitoring.getMethod("addProbes", Object[].class);
            removeProbes = monitoring.getMethod("removeProbes", Object[].class);
            for (Object codec : PayaraListeners.filters(server, codecType)) {
                Object config = codecType.getMethod("getMonitoringConfig").invoke(codec);
                addProbes.invoke(config, probes);
                probedConfigs.add(config);
            }
            if (probedConfigs.isEmpty()) {
                LOG.warning("Found no HTTP listener to guard: a path with a broken %-escape answers an empty 200");
            }
        } catch (ClassNotFoundException notPayara) {
            LOG.fine("Not on Payara; the container decodes request paths its own way.");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not guard the HTTP listeners: a path with a broken %-escape answers an "
                    + "empty 200", e);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        for (Object config : probedConfigs) {
            try {
                removeProbes.invoke(config, probes);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(Level.FINE, "Could not remove the %-escape probe", e);
            }
        }
        probedConfigs.clear();
    }

    /** The probe: every event but "request header parsed" is ignored. */
    private static final class Redirect implements InvocationHandler {
        private final Class<?> requestType;
        private final Method getUri;
        private final Method setUri;
        private final String target;

        Redirect(Class<?> requestType, String target) throws NoSuchMethodException {
            this.requestType = requestType;
            this.getUri = requestType.getMethod("getRequestURI");
            this.setUri = requestType.getMethod("setRequestURI", String.class);
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Exception {
            switch (method.getName()) {
                case "onHeaderParseEvent" -> {
                    Object header = args[1];
                    if (requestType.isInstance(header) && malformed((String) getUri.invoke(header))) {
                        setUri.invoke(header, target);
                    }
                    return null;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "Sigil's %-escape probe";
                }
                default -> {
                    return null;
                }
            }
        }
    }
}
