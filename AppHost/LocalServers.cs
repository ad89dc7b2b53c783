using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SocialPrescribing.AppHost;

/// <summary>Shared helpers for running the machine's own server binaries as Aspire executables.</summary>
internal static class LocalServers
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

    /// <summary>The command and leading arguments that run <paramref name="exe"/> as <paramref name="user"/> when we are root.</summary>
    public static (string Command, string[] Prefix) AsUser(string exe, string user) =>
        IsRoot ? ("setpriv", [$"--reuid={user}", $"--regid={user}", "--init-groups", exe]) : (exe, []);

    /// <summary>Hands a folder to the account a server runs as (it refuses a folder it does not own).</summary>
    public static void GiveTo(string directory, string user)
    {
        Directory.CreateDirectory(directory);
        if (!IsRoot)
        {
            return;
        }

        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", $"{user}:{user}", directory]))!;
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not give {directory} to the '{user}' account.");
        }
    }
}
