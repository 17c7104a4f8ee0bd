package se.norrort.consortium.web;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pages' server answers every request on a connection of its own ({@code Connection: close}).
 * <p>
 * Reactor Netty 1.3.6 (Spring Boot 4.0.7's) buffers a keep-alive request that arrives before the previous response's
 * handling has ended, and can then stop reading the connection: the browser's next request on it is never answered
 * (reactor-netty#4361 and #4347, fixed in 1.3.8, which needs a newer Netty than Boot 4.0.7 manages). In the browser
 * this was a page that never got its first view or its texts (doc/web.md). Without keep-alive no request follows
 * another on one connection; each costs a loopback or LAN connect, and a live stream holds its connection anyway.
 */
@Configuration(proxyBeanMethods = false)
class NoKeepAlive {

    @Bean
    NettyServerCustomizer oneRequestPerConnection() {
        return server -> server.maxKeepAliveRequests(1);
    }
}
