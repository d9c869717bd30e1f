import { createRequire } from "node:module";
import path from "node:path";
import { Dealer, Router } from "zeromq";
import { describe, expect, it } from "vitest";
import { localKernelDir } from "../../tools/project";

const { answerOnlyWhenBound, receiveAfterBind } = createRequire(import.meta.url)(
  path.join(localKernelDir, "tslab-patches.cjs"),
) as {
  answerOnlyWhenBound: (server: unknown) => void;
  receiveAfterBind: (socket: unknown) => void;
};

/**
 * tslab's ZmqServer as far as the race goes: init() binds the sockets asynchronously, and a
 * shell message publishes a status on iopub, which ZeroMQ refuses while iopub is still binding.
 */
function fakeServerClass() {
  return class FakeZmqServer {
    bound = false;
    answered: string[] = [];
    finishBinding!: () => void;
    init(): Promise<void> {
      return new Promise((resolve) => {
        this.finishBinding = () => {
          this.bound = true;
          resolve();
        };
      });
    }
    async handleShellMessage(message: string): Promise<void> {
      if (!this.bound) throw new Error("Socket is blocked by a bind or unbind operation");
      this.answered.push(message);
    }
  };
}

describe("answerOnlyWhenBound", () => {
  it("without it, a message arriving while a socket binds is lost with ZeroMQ's EBUSY error", async () => {
    const server = new (fakeServerClass())();
    void server.init();
    await expect(server.handleShellMessage("kernel_info_request")).rejects.toThrow(/blocked by a bind/);
  });

  it("holds messages until every socket is bound, then answers them in order", async () => {
    const Server = fakeServerClass();
    answerOnlyWhenBound(Server);
    const server = new Server();
    void server.init();
    const handled = [server.handleShellMessage("kernel_info_request"), server.handleShellMessage("execute_request")];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.answered).toEqual([]);
    server.finishBinding();
    await Promise.all(handled);
    expect(server.answered).toEqual(["kernel_info_request", "execute_request"]);
  });
});

describe("receiveAfterBind", () => {
  /** A receive started while the router's bind is still in progress, answered by a peer. */
  async function receiveDuringBind(router: Router): Promise<string> {
    const binding = router.bind("tcp://127.0.0.1:*");
    const received = router.receive();
    await binding;
    const peer = new Dealer();
    peer.connect(router.lastEndpoint!);
    await peer.send("kernel_info_request");
    try {
      const [, message] = await received;
      return message.toString();
    } finally {
      peer.close();
      router.close();
    }
  }

  it("without it, ZeroMQ refuses a receive while the socket binds", async () => {
    await expect(receiveDuringBind(new Router())).rejects.toThrow(/blocked by a bind/);
  });

  it("a receive refused during a bind waits for the bind and gets the message", async () => {
    // A subclass, so the patch stays out of every other socket in this process.
    class PatchedRouter extends Router {}
    receiveAfterBind(PatchedRouter);
    expect(await receiveDuringBind(new PatchedRouter())).toBe("kernel_info_request");
  });
});
