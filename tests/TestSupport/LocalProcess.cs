using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SocialPrescribing.TestSupport;

/// <summary>Helpers for running the machine's own server binaries from tests.</summary>
internal static class LocalProcess
{
    public static bool IsRoot => Environment.UserName == "root";

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A fresh folder under the temp dir that a server dropped to its own user can write to.</summary>
    public static string NewWorkDirectory(string prefix)
    {
        var root = Path.Combine(Path.GetTempPath(), "socialprescribing-tests");
        var dir = Path.Combine(root, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111);
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
        }

        return dir;
    }

    /// <summary>Runs <paramref name="exe"/> as <paramref name="user"/> when we are root (postgres refuses root).</summary>
    public static ProcessStartInfo StartInfo(string exe, IEnumerable<string> args, string? asUser = null)
    {
        var info = asUser is not null && IsRoot
            ? new ProcessStartInfo("setpriv") { ArgumentList = { $"--reuid={asUser}", $"--regid={asUser}", "--init-groups", exe } }
            : new ProcessStartInfo(exe);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return info;
    }

    public static async Task RunToEndAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{info.FileName} {string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    /// <summary>Asks a server to stop (SIGTERM, or SIGINT for postgres' fast shutdown), then kills it.</summary>
    public static async Task StopAsync(Process process, string signal, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])))
        {
            await kill!.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public static void DeleteQuietly(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
