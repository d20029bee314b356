# The site's part of pressroom.vcl: where the application servers listen and
# which addresses may purge. This one is for `make varnish` in front of
# `make run` on this machine; production lists its own nodes (see README).

backend pressroom {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}
