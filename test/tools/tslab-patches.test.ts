import { createRequire } from "node:module";
import path from "node:path";
import { Dealer, Router } from "zeromq";
import { describe, expect, it } from "vitest";
import { localKernelDir } from "../../tools/project";

const load = createRequire(import.meta.url);
const { answerOnlyWhenBound, receiveAfterBind, replyToFailuresAsTheProtocolSays } = load(
  path.join(localKernelDir, "tslab-patches.cjs"),
) as {
  answerOnlyWhenBound: (server: unknown) => void;
  receiveAfterBind: (socket: unknown) => void;
  replyToFailuresAsTheProtocolSays: (handler: unknown) => void;
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

type Reply = { status: string; ename?: string; evalue?: string; traceback?: string[] };
interface Handler {
  handleExecute(
    req: { code: string; stop_on_error?: boolean },
    writeStream: unknown,
    writeDisplayData: unknown,
  ): Promise<Reply>;
}

/**
 * tslab's own handler class over an executor that fails the cell "fail" the way tslab's does
 * (its error text on stderr, then false). The class is subclassed so a patch stays in this test.
 */
function tslabHandler(patched: boolean): Handler {
  const { JupyterHandlerImpl } = load("tslab/dist/jupyter.js") as {
    JupyterHandlerImpl: new (executor: unknown, isJs: boolean) => Handler;
  };
  class Subclass extends JupyterHandlerImpl {}
  if (patched) replyToFailuresAsTheProtocolSays(Subclass);
  const executor = {
    execute: async (code: string) => {
      if (code !== "fail") return true;
      process.stderr.write("evalmachine.<anonymous>:1\n\nError: not answered yet\n    at f (cell:1:7)\n");
      return false;
    },
  };
  return new Subclass(executor, false);
}

/** Sends the cells as a client does when errors are allowed, all at once, and returns the replies. */
async function runCells(handler: Handler, cells: string[], stopOnError: boolean): Promise<Reply[]> {
  // tslab points process.stdout/stderr at the cell's output stream; keep this process's own.
  const [out, err] = [process.stdout.write, process.stderr.write];
  try {
    return await Promise.all(
      cells.map((code) =>
        handler.handleExecute(
          { code, stop_on_error: stopOnError },
          () => undefined,
          () => undefined,
        ),
      ),
    );
  } finally {
    [process.stdout.write, process.stderr.write] = [out, err];
  }
}

describe("replyToFailuresAsTheProtocolSays", () => {
  it("without it, a failed cell aborts the cells behind it even when errors are allowed, and names no error", async () => {
    const replies = await runCells(tslabHandler(false), ["fail", "ok", "ok"], false);
    expect(replies.map((r) => r.status)).toEqual(["error", "abort", "abort"]);
    expect(replies[0].ename).toBeUndefined();
  });

  it("keeps a failure to its own cell when stop_on_error is false, and names the error", async () => {
    const replies = await runCells(tslabHandler(true), ["fail", "ok", "fail", "ok"], false);
    expect(replies.map((r) => r.status)).toEqual(["error", "ok", "error", "ok"]);
    expect(replies[0]).toMatchObject({
      ename: "Error",
      evalue: "not answered yet",
      traceback: ["Error: not answered yet"],
    });
  });

  it("still stops at the first failure when the client asks for it (Run All in a front end)", async () => {
    const replies = await runCells(tslabHandler(true), ["fail", "ok"], true);
    expect(replies.map((r) => r.status)).toEqual(["error", "abort"]);
    expect(replies[0].ename).toBe("Error");
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
