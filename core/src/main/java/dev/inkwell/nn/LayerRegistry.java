package dev.inkwell.nn;

import dev.inkwell.init.Init;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Makes layers from their {@link LayerConfig}: how a model file's architecture becomes a network. Each
 * registry starts with the built-in layers; a layer type of your own is one call away:
 * <pre>{@code
 * LayerRegistry layers = LayerRegistry.withBuiltIns()
 *         .register("LeakyReLU", config -> new LeakyReLU(config.doubleValue("slope")));
 * Model model = Model.load(path, context, 1, layers);
 * }</pre>
 * A registry is an ordinary object (no global state) and safe to share between threads.
 */
public final class LayerRegistry {
    private final Map<String, Function<LayerConfig, ? extends Layer>> factories = new ConcurrentHashMap<>();

    private LayerRegistry() {
    }

    /**
     * A registry that knows the built-in layers: convolution, pooling, linear, batch norm, containers, ...
     *
     * @return a new registry
     */
    public static LayerRegistry withBuiltIns() {
        LayerRegistry r = new LayerRegistry();
        r.register("Conv2d", c -> new Conv2d(new Conv2d.Spec(c.intValue("in"), c.intValue("out"), c.intValue("kh"),
                c.intValue("kw"), c.intValue("stride"), c.intValue("padding"), c.booleanValue("bias"),
                Init.PYTORCH_DEFAULT)));
        r.register("Linear", c -> new Linear(new Linear.Spec(c.intValue("in"), c.intValue("out"),
                c.booleanValue("bias"), Init.PYTORCH_DEFAULT)));
        r.register("ReLU", c -> new ReLU());
        r.register("Flatten", c -> new Flatten());
        r.register("ImageLevels", c -> new ImageLevels(c.doubleValue("background"), c.doubleValue("ink")));
        r.register("Recentre", c -> new Recentre(c.doubleValue("background")));
        r.register("MaxPool2d", c -> new MaxPool2d(poolSpec(c)));
        r.register("AvgPool2d", c -> new AvgPool2d(poolSpec(c)));
        r.register("Dropout", c -> new Dropout(c.doubleValue("p")));
        r.register("BatchNorm2d", c -> new BatchNorm2d(batchNormSpec(c)));
        r.register("BatchNorm1d", c -> new BatchNorm1d(batchNormSpec(c)));
        r.register("Sequential", c -> new Sequential());
        r.register("Residual", c -> new Residual());
        r.register("ViewAverage", c -> new ViewAverage(views(c)));
        return r;
    }

    private static ViewAverage.Views views(LayerConfig c) {
        for (ViewAverage.Views v : ViewAverage.Views.values()) {
            if (v.name().equalsIgnoreCase(c.string("views"))) {
                return v;
            }
        }
        throw new IllegalArgumentException("ViewAverage setting views=" + c.string("views")
                + " is not one of mirror, shifts");
    }

    private static Pool2d.Spec poolSpec(LayerConfig c) {
        return new Pool2d.Spec(c.intValue("kernel"), c.intValue("stride"), c.intValue("padding"));
    }

    private static BatchNorm.Spec batchNormSpec(LayerConfig c) {
        return new BatchNorm.Spec(c.intValue("features"), c.doubleValue("eps"), c.doubleValue("momentum"));
    }

    /**
     * Adds a layer type: {@code factory} makes an unbuilt layer from a config whose {@link LayerConfig#type()}
     * is {@code type} (the type the layer's own {@link Layer#config()} reports). Returns this registry.
     *
     * @param type the type name
     * @param factory makes a layer from its config
     * @return this registry
     * @throws IllegalArgumentException if the type is already registered
     */
    public LayerRegistry register(String type, Function<LayerConfig, ? extends Layer> factory) {
        if (!type.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("a layer type is letters and digits, got '" + type + "'");
        }
        if (factories.putIfAbsent(type, factory) != null) {
            throw new IllegalArgumentException("layer type '" + type + "' is already registered");
        }
        return this;
    }

    /**
     * Whether {@code type} is registered.
     *
     * @param type the type name
     * @return whether it is registered
     */
    public boolean knows(String type) {
        return factories.containsKey(type);
    }

    /**
     * The registered types, sorted.
     *
     * @return the type names
     */
    public Set<String> types() {
        return new TreeSet<>(factories.keySet());
    }

    /**
     * A new unbuilt layer for {@code config}. Settings are validated by the layer as its constructor does.
     *
     * @param config the layer's type and settings
     * @return the layer
     * @throws IllegalArgumentException for an unknown type, saying how to register it, or bad settings
     */
    public Layer create(LayerConfig config) {
        Function<LayerConfig, ? extends Layer> factory = factories.get(config.type());
        if (factory == null) {
            throw new IllegalArgumentException("unknown layer type '" + config.type() + "': register it with "
                    + "LayerRegistry.withBuiltIns().register(\"" + config.type() + "\", config -> new "
                    + config.type() + "(...)) and load the model with that registry");
        }
        Layer layer = factory.apply(config);
        if (!layer.config().type().equals(config.type())) {
            throw new IllegalArgumentException("the factory for '" + config.type() + "' made a layer of type '"
                    + layer.config().type() + "'");
        }
        return layer;
    }
}
