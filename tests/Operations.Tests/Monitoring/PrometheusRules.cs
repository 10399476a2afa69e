using YamlDotNet.RepresentationModel;

namespace MediaMonitor.Operations.Tests.Monitoring;

/// <summary>One alerting rule of deploy/prometheus/rules.</summary>
public sealed record AlertRule(string Alert, string Expression);

/// <summary>Reads the alert rules (name and PromQL expression) from every rule file.</summary>
public static class PrometheusRules
{
    public static IReadOnlyList<AlertRule> Load(string prometheusDir)
    {
        var rules = new List<AlertRule>();
        foreach (var file in Directory.GetFiles(Path.Combine(prometheusDir, "rules"), "*.yml"))
        {
            var yaml = new YamlStream();
            using (var reader = File.OpenText(file))
            {
                yaml.Load(reader);
            }

            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            foreach (var group in ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>())
            {
                foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
                {
                    if (rule.Children.TryGetValue("alert", out var alert))
                    {
                        rules.Add(new AlertRule(((YamlScalarNode)alert).Value!, ((YamlScalarNode)rule["expr"]).Value!));
                    }
                }
            }
        }

        return rules;
    }
}
