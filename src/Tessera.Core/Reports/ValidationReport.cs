using System.Text;
using System.Text.Json;
using Tessera.Core.Validation;

namespace Tessera.Core.Reports;

/// <summary>validation.json content for a purged K-fold / CPCV evaluation of a candidate set.</summary>
public static class ValidationReport
{
    public static string Json(string strategy, IReadOnlyList<string> candidateLabels, CvEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(candidateLabels);
        ArgumentNullException.ThrowIfNull(evaluation);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("strategy", strategy);
            w.WriteString("method", evaluation.Method);
            w.WriteNumber("candidates", candidateLabels.Count);
            w.WriteString("best_candidate", candidateLabels[evaluation.BestCandidate]);
            BacktestArtifacts.Number(w, "pbo", evaluation.Pbo);
            BacktestArtifacts.Number(w, "deflated_sharpe", evaluation.DeflatedSharpe);
            w.WriteStartArray("path_sharpes");
            foreach (var p in evaluation.PathSharpes)
            {
                if (double.IsFinite(p))
                {
                    w.WriteNumberValue(p);
                }
                else
                {
                    w.WriteNullValue();
                }
            }

            w.WriteEndArray();
            w.WriteStartArray("splits");
            foreach (var s in evaluation.Splits)
            {
                w.WriteStartObject();
                w.WriteNumber("split", s.Split);
                w.WriteStartArray("test_groups");
                foreach (var g in s.TestGroups)
                {
                    w.WriteNumberValue(g);
                }

                w.WriteEndArray();
                w.WriteString("chosen", candidateLabels[s.Chosen]);
                BacktestArtifacts.Number(w, "train_sharpe", s.TrainSharpe);
                BacktestArtifacts.Number(w, "test_sharpe", s.TestSharpe);
                w.WriteNumber("train_observations", s.TrainCount);
                w.WriteNumber("test_observations", s.TestCount);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }
}
