using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SocialPrescribing.TestSupport;

/// <summary>A message as smtp4dev received it.</summary>
public sealed record CaughtMail(Guid Id, string From, IReadOnlyList<string> To, string Subject);

/// <summary>
/// A real smtp4dev (the repository's local dotnet tool, <c>dotnet tool run smtp4dev</c>) on free ports with an
/// in-memory store, as the AppHost runs it in development; tests read what arrived through its API.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _api;

    private MailCatcher(Process process, int smtpPort, int httpPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
    }

    public int SmtpPort { get; }

    /// <summary>ConnectionStrings:mail for a service.</summary>
    public string ConnectionString => $"smtp://127.0.0.1:{SmtpPort}";

    public static async Task<MailCatcher> StartAsync()
    {
        var smtpPort = LocalProcess.FreePort();
        var httpPort = LocalProcess.FreePort();
        var info = LocalProcess.StartInfo("dotnet",
            ["tool", "run", "smtp4dev", "--", $"--urls=http://127.0.0.1:{httpPort}", $"--smtpport={smtpPort}", "--db=", "--imapport=", "--pop3port=", "--hostname=localhost"]);
        info.WorkingDirectory = RepositoryRoot();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start smtp4dev.");
        // Its output is not needed; reading it keeps the pipes from filling up.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var catcher = new MailCatcher(process, smtpPort, httpPort);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                using var response = await catcher._api.GetAsync("/api/messages");
                if (response.IsSuccessStatusCode)
                {
                    return catcher;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                await catcher.DisposeAsync();
                throw new InvalidOperationException("smtp4dev did not start (is the tool installed? dotnet tool restore).");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Every message received so far, newest first.</summary>
    public async Task<List<CaughtMail>> MessagesAsync()
    {
        var page = await _api.GetFromJsonAsync<JsonObject>("/api/messages?pageSize=500");
        return [.. page!["results"]!.AsArray().Select(m => new CaughtMail(
            m!["id"]!.GetValue<Guid>(),
            m["from"]?.GetValue<string>() ?? "",
            [.. m["to"]!.AsArray().Select(t => t!.GetValue<string>())],
            m["subject"]?.GetValue<string>() ?? ""))];
    }

    /// <summary>The messages to <paramref name="address"/>.</summary>
    public async Task<List<CaughtMail>> ToAsync(string address) =>
        [.. (await MessagesAsync()).Where(m => m.To.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase)))];

    public Task<string> PlainTextAsync(Guid id) => _api.GetStringAsync($"/api/messages/{id}/plaintext");

    public async Task ClearAsync()
    {
        using var response = await _api.DeleteAsync("/api/messages/*");
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "dotnet-tools.json")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("dotnet-tools.json was not found above the tests.");
    }
}
