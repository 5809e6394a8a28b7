import java.io.File;
import java.util.Iterator;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Opens each file given as Gephi does (its importer for the file's format, then the default
 * processor into a new workspace) and prints, as one JSON object per line: every node and
 * every edge with its type and the value of every column, the columns and their types, and
 * the import report's issues.  Nothing is checked here: tests/test_gephi.py compares.
 */
public class ImportCheck {
    public static void main(String[] args) {
        for (String path : args) {
            ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
            projects.newProject();
            Workspace workspace = projects.getCurrentWorkspace();
            ImportController importer = Lookup.getDefault().lookup(ImportController.class);
            Container container;
            try {
                container = importer.importFile(new File(path));
            } catch (Exception e) {
                System.out.println("{\"file\": " + q(path) + ", \"error\": " + q(String.valueOf(e)) + "}");
                continue;
            }
            if (container == null) {
                System.out.println("{\"file\": " + q(path) + ", \"error\": \"no importer\"}");
                continue;
            }
            importer.process(container, new DefaultProcessor(), workspace);
            GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
            Graph graph = model.getGraph();
            StringBuilder out = new StringBuilder("{\"file\": ").append(q(path)).append(", \"issues\": [");
            Iterator<Issue> issues = container.getReport().getIssues(Integer.MAX_VALUE);
            for (int i = 0; issues.hasNext(); i++) {
                Issue issue = issues.next();
                out.append(i > 0 ? ", " : "").append(q(issue.getLevel() + ": " + issue.getMessage()));
            }
            out.append("], \"node_columns\": ").append(columns(model.getNodeTable()));
            out.append(", \"edge_columns\": ").append(columns(model.getEdgeTable())).append(", \"nodes\": [");
            int i = 0;
            for (Node node : graph.getNodes()) {
                out.append(i++ > 0 ? ", " : "").append(values(node, model.getNodeTable(), null));
            }
            out.append("], \"edges\": [");
            i = 0;
            for (Edge edge : graph.getEdges()) {
                String head = "\"source\": " + q(edge.getSource().getId()) + ", \"target\": " + q(edge.getTarget().getId())
                    + ", \"kind\": " + q(model.getEdgeTypeLabel(edge.getType())) + ", \"directed\": " + edge.isDirected();
                out.append(i++ > 0 ? ", " : "").append(values(edge, model.getEdgeTable(), head));
            }
            System.out.println(out.append("]}"));
        }
        System.exit(0);
    }

    private static String columns(Iterable<Column> table) {
        StringBuilder out = new StringBuilder("{");
        int i = 0;
        for (Column column : table) {
            out.append(i++ > 0 ? ", " : "").append(q(column.getId())).append(": ")
               .append(q(column.getTypeClass().getSimpleName()));
        }
        return out.append("}").toString();
    }

    private static String values(Element element, Iterable<Column> table, String head) {
        StringBuilder out = new StringBuilder("{");
        if (head != null) out.append(head).append(", ");
        out.append("\"values\": {");
        int i = 0;
        for (Column column : table) {
            Object value = element.getAttribute(column);
            if (value == null || column.isDynamic() || column.getTypeClass().getSimpleName().endsWith("Set")) continue;
            out.append(i++ > 0 ? ", " : "").append(q(column.getId())).append(": ");
            out.append(value instanceof Number ? value.toString() : q(String.valueOf(value)));
        }
        return out.append("}}").toString();
    }

    /** A JSON string. */
    private static String q(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}
