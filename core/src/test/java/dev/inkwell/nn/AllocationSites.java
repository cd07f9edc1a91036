package dev.inkwell.nn;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where some threads allocate while a piece of code runs, from a flight recording of their TLAB refills
 * and large allocations (weighted by the bytes each stands for): vector values the JIT left boxed apart
 * from every other allocation, each site named by the first frame outside the JDK. A box is an object of
 * the Vector API's classes, or its payload: a primitive array no larger than one vector, allocated by a
 * vector kernel (C2 materialises a box where the vector leaves compiled code, in the kernel's own frame).
 */
final class AllocationSites {
    private static final List<String> ALLOCATION_EVENTS =
            List.of("jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB");
    private static final List<String> VECTOR_API = List.of("jdk.incubator.vector.", "jdk.internal.vm.vector.");
    private static final String VECTOR_KERNELS = "dev.inkwell.kernels.vector.";
    /** A float[] of 64 lanes: the payload of the widest vector, with its array header. */
    private static final long LARGEST_PAYLOAD = 16 + 64 * Float.BYTES;

    private final Map<String, Long> vectorBoxes = new TreeMap<>();
    private final Map<String, Long> outsideVectorApi = new TreeMap<>();

    private AllocationSites() {
    }

    /** Runs {@code code} under a flight recording of what the threads with the given ids allocate. */
    static AllocationSites record(Runnable code, long[] threadIds) {
        AllocationSites sites = new AllocationSites();
        Path file = null;
        try (Recording recording = new Recording()) {
            for (String event : ALLOCATION_EVENTS) {
                recording.enable(event).withStackTrace();
            }
            recording.start();
            code.run();
            recording.stop();
            file = Files.createTempFile("allocation-sites", ".jfr");
            recording.dump(file);
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getThread() != null && contains(threadIds, event.getThread().getJavaThreadId())) {
                    sites.add(event);
                }
            }
            return sites;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static boolean contains(long[] ids, long id) {
        for (long i : ids) {
            if (i == id) {
                return true;
            }
        }
        return false;
    }

    private void add(RecordedEvent event) {
        String name = event.getEventType().getName();
        if (!ALLOCATION_EVENTS.contains(name) || event.getStackTrace() == null) {
            return;
        }
        long size = event.getLong("allocationSize");
        long bytes = name.endsWith("InNewTLAB") ? event.getLong("tlabSize") : size;
        String type = event.getClass("objectClass").getName();
        boolean box = VECTOR_API.stream().anyMatch(type::startsWith);
        String site = "(JDK only)";
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            String frameType = frame.getMethod().getType().getName();
            if (VECTOR_API.stream().anyMatch(frameType::startsWith)) {
                box = true;
            } else if (!frameType.startsWith("java.") && !frameType.startsWith("jdk.")) {
                site = frameType + "." + frame.getMethod().getName();
                box |= frameType.startsWith(VECTOR_KERNELS) && isPrimitiveArray(type) && size <= LARGEST_PAYLOAD;
                break;
            }
        }
        (box ? vectorBoxes : outsideVectorApi).merge(site, bytes, Long::sum);
    }

    private static boolean isPrimitiveArray(String type) {
        return type.length() == 2 && type.charAt(0) == '[' || type.endsWith("[]") && !type.contains(".");
    }

    /** Bytes recorded per site of the code's own allocations. */
    Map<String, Long> outsideVectorApi() {
        return outsideVectorApi;
    }

    /** Bytes recorded per site whose allocation happened inside the Vector API. */
    Map<String, Long> vectorBoxes() {
        return vectorBoxes;
    }
}
