# Varnish 7 in front of Pressroom's application servers.
#
# Keeps exactly what the application marks `Cache-Control: public` (anonymous
# pages and API reads), for their `s-maxage`, and drops it when the
# application purges one of the surrogate keys the response named (xkey,
# from Debian's varnish-modules). Everything else (signed-in staff, forms,
# comment posts, errors) passes through uncached.
#
#   varnishd -f /etc/varnish/pressroom.vcl -p vcl_path=/etc/varnish ...
#
# The site's own part (application servers, who may purge) is backends.vcl,
# found on vcl_path; the one beside this file serves `make run` locally.

vcl 4.1;

import std;
import xkey;

include "backends.vcl";

sub vcl_recv {
    # Pressroom's purger: PURGE with the keys in `xkey-purge`, from an
    # address in the `purgers` ACL only.
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys in an xkey-purge header"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }
    # One id per request, in the app's logs and in the answer (X-Request-ID).
    if (!req.http.X-Request-ID) {
        set req.http.X-Request-ID = "varnish-" + req.xid;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A signed-in editor, an API token, or a flash message waiting after a
    # comment post: the answer is this reader's own.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    # Absolute links in a page (canonical, feeds) follow the scheme.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_fetch {
    # What may be shared must not depend on a reader's cookies: the
    # application never sees them when filling the cache.
    if (!bereq.uncacheable) {
        unset bereq.http.Cookie;
    }
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "public"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        # Remember for a while that this URL is not cached, so requests for
        # it are not queued behind each other.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Purges remove objects outright; grace only bridges an expiry.
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    # The keys are Varnish's business; Surrogate-Key stays for a CDN in front.
    unset resp.http.xkey;
    # A cached answer still names this request, not the one that filled it.
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    return (deliver);
}
