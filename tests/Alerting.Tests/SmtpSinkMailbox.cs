using MimeKit;

namespace MediaMonitor.Alerting.Tests;

/// <summary>
/// Reads what the real SMTP server started by deploy/local/test.sh (postfix's smtp-sink) received: one file per message,
/// smtp-sink's own X-Rcpt-Args line naming the recipient, then the message as sent.
/// </summary>
public static class SmtpSinkMailbox
{
    /// <summary>Every message received for <paramref name="recipient"/> so far.</summary>
    public static IReadOnlyList<MimeMessage> For(string recipient)
    {
        var marker = $"X-Rcpt-Args: <{recipient}>";
        var messages = new List<MimeMessage>();
        foreach (var file in Directory.EnumerateFiles(TestServers.SmtpMailDirectory))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (IOException)
            {
                continue;
            }

            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
                messages.Add(MimeMessage.Load(stream));
            }
        }

        return messages;
    }

    /// <summary>Waits until <paramref name="count"/> messages for the recipient have arrived and returns them.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string recipient, int count = 1) =>
        (await Eventually.Until(() => Task.FromResult(new Received(For(recipient))), r => r.Messages.Count >= count, TimeSpan.FromSeconds(30),
            $"{count} e-mail(s) to {recipient} in {TestServers.SmtpMailDirectory}")).Messages;

    private sealed record Received(IReadOnlyList<MimeMessage> Messages)
    {
        public override string ToString() => $"{Messages.Count} message(s)";
    }
}
