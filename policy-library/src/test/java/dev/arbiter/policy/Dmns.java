package dev.arbiter.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers that edit the shipped routing DMN the way a policy expert would in the Modeler, or write small tables. */
public final class Dmns {

    private Dmns() {
    }

    public static String shipped() {
        return PolicyBundle.shipped().routingDmn();
    }

    /** Replaces the text of the input or output entry with this id (ids are "rule-id-column"). */
    public static String setEntry(String dmn, String entryId, String feel) {
        Pattern p = Pattern.compile("(<(?:inputEntry|outputEntry) id=\"" + Pattern.quote(entryId) + "\">\\s*<text>)(.*?)(</text>)", Pattern.DOTALL);
        Matcher m = p.matcher(dmn);
        if (!m.find()) {
            throw new IllegalArgumentException("no entry " + entryId);
        }
        return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + escape(feel) + m.group(3)));
    }

    public static String removeRule(String dmn, String ruleId) {
        String result = dmn.replaceAll("(?s)\\s*<rule id=\"" + Pattern.quote(ruleId) + "\">.*?</rule>", "");
        if (result.equals(dmn)) {
            throw new IllegalArgumentException("no rule " + ruleId);
        }
        return result;
    }

    /**
     * A small routing table. inputs: {variable, typeRef, allowed values or null}; rules: {id, one entry per input,
     * route, reasonCode, category}. Other outputs get fixed valid values.
     */
    public static String table(String hitPolicy, String[][] inputs, String[]... rules) {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" ")
                .append("id=\"test\" name=\"test\" namespace=\"https://arbiter.dev/test\">\n<decision id=\"routing\" name=\"Routing\">\n")
                .append("<decisionTable id=\"t\" hitPolicy=\"").append(hitPolicy).append("\">\n");
        for (String[] in : inputs) {
            x.append("<input id=\"in-").append(in[0]).append("\"><inputExpression id=\"ie-").append(in[0]).append("\" typeRef=\"").append(in[1])
                    .append("\"><text>").append(in[0]).append("</text></inputExpression>");
            if (in[2] != null) {
                x.append("<inputValues id=\"iv-").append(in[0]).append("\"><text>").append(escape(in[2])).append("</text></inputValues>");
            }
            x.append("</input>\n");
        }
        String[][] outputs = {{"route", "string"}, {"queue", "string"}, {"priority", "number"}, {"sla", "string"}, {"fourEyes", "boolean"},
                {"blindAuditRate", "number"}, {"reasonCode", "string"}, {"category", "string"}};
        for (String[] out : outputs) {
            x.append("<output id=\"out-").append(out[0]).append("\" name=\"").append(out[0]).append("\" typeRef=\"").append(out[1]).append("\"/>\n");
        }
        for (String[] rule : rules) {
            String id = rule[0];
            x.append("<rule id=\"").append(id).append("\">");
            for (int i = 0; i < inputs.length; i++) {
                x.append("<inputEntry id=\"").append(id).append("-").append(inputs[i][0]).append("\"><text>").append(escape(rule[1 + i]))
                        .append("</text></inputEntry>");
            }
            int o = 1 + inputs.length;
            String[] values = {quote(rule[o]), "\"q\"", "3", "\"P1D\"", "false", "0", quote(rule[o + 1]), quote(rule[o + 2])};
            for (int i = 0; i < values.length; i++) {
                x.append("<outputEntry id=\"").append(id).append("-").append(outputs[i][0]).append("\"><text>").append(escape(values[i]))
                        .append("</text></outputEntry>");
            }
            x.append("</rule>\n");
        }
        return x.append("</decisionTable>\n</decision>\n</definitions>\n").toString();
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
